/* As 115, but remove frees through the kept device under a field nothing sets (`use_msi` stays 0
 * from devm_kzalloc): the MSIs stay allocated after remove.
 *
 */
struct pk_mbox { struct device *dev; u32 msi_count; u32 use_msi; };

static void pk_write_msg(struct msi_desc *desc, struct msi_msg *msg)
{
}

static int pk_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pk_mbox *mbox;
	int rc;

	mbox = devm_kzalloc(dev, sizeof(*mbox), GFP_KERNEL);
	if (!mbox)
		return -ENOMEM;
	mbox->dev = dev;
	mbox->msi_count = pk_count_channels(pdev);
	platform_set_drvdata(pdev, mbox);
	if (mbox->msi_count) {
		rc = platform_device_msi_init_and_alloc_irqs(dev, mbox->msi_count, pk_write_msg);
		if (rc)
			return rc;
	}
	return 0;
}

static void pk_remove(struct platform_device *pdev)
{
	struct pk_mbox *mbox = platform_get_drvdata(pdev);

	if (mbox->use_msi)
		platform_device_msi_free_irqs_all(mbox->dev);
}  // expect: msi/leak error

static struct platform_driver pk_driver = {
	.probe = pk_probe,
	.remove = pk_remove,
};
