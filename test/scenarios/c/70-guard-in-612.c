/* A 7.x guard backported to a 6.12 tree: 6.12's include/linux/msi.h has no msi_descs_lock guard
 * class (only msi_lock_descs()/msi_unlock_descs()). The locked call under it is not reported:
 * the guard still says what the author meant to hold.
 *
 * era: 6.12
 */
static int bp_probe(struct platform_device *pdev)
{
	int ret;

	guard(msi_descs_lock)(&pdev->dev);  // expect: msi/api-not-in-era warning
	ret = msi_domain_alloc_irqs_range_locked(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 3);
	return ret;
}

static struct platform_driver bp_driver = {
	.probe = bp_probe,
};
