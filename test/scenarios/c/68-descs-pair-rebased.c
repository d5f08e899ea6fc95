/* A series written for 6.12 and rebased onto 7.x: msi_lock_descs()/msi_unlock_descs() no longer
 * exist (include/linux/msi.h has __msi_lock_descs behind guard(msi_descs_lock)). The locked call
 * between them is held, so only the two lock calls are reported.
 *
 * era: 7.x
 */
static int rb_probe(struct platform_device *pdev)
{
	int ret;

	msi_lock_descs(&pdev->dev);  // expect: msi/api-not-in-era warning
	ret = msi_domain_alloc_irqs_range_locked(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 3);
	msi_unlock_descs(&pdev->dev);  // expect: msi/api-not-in-era warning
	return ret;
}

static struct platform_driver rb_driver = {
	.probe = rb_probe,
};
