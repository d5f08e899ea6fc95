/* Domain creation in 7.x: msi_create_device_irq_domain() runs the parent's msi_prepare once
 * for hwsize vectors (kernel/irq/msi.c, the ITS ITT is sized there) and allocations reuse it
 * (populate_alloc_info). The store is unchanged: indices beyond hwsize still fail
 * msi_ctrl_valid with a WARN.
 *
 * era: 7.x
 */
static const struct msi_domain_template dd_template = {
	.info = { .flags = MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS | MSI_FLAG_FREE_MSI_DESCS },
};

static int dd_probe(struct platform_device *pdev)
{
	int ret;

	if (!msi_create_device_irq_domain(&pdev->dev, MSI_DEFAULT_DOMAIN, &dd_template, 8, NULL, NULL))
		return -ENOMEM;
	ret = msi_domain_alloc_irqs_range(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 7);
	if (ret) {
		msi_remove_device_irq_domain(&pdev->dev, MSI_DEFAULT_DOMAIN);
		return -ENODEV;
	}
	ret = msi_domain_alloc_irqs_range(&pdev->dev, MSI_DEFAULT_DOMAIN, 8, 9);  // expect: msi/index-out-of-range error
	if (ret) {
		msi_domain_free_irqs_all(&pdev->dev, MSI_DEFAULT_DOMAIN);
		msi_remove_device_irq_domain(&pdev->dev, MSI_DEFAULT_DOMAIN);
		return -ENODEV;
	}
	return 0;
}

static void dd_remove(struct platform_device *pdev)
{
	msi_domain_free_irqs_all(&pdev->dev, MSI_DEFAULT_DOMAIN);
	msi_remove_device_irq_domain(&pdev->dev, MSI_DEFAULT_DOMAIN);
}

static struct platform_driver dd_driver = {
	.probe = dd_probe,
	.remove = dd_remove,
};
