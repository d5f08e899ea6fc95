/* 7.x descriptor locking done right: guard(msi_descs_lock)(dev) holds the lock to the end of
 * gd_setup's block, scoped_guard(msi_descs_lock, dev) over the statement it heads (include/linux/
 * msi.h DEFINE_LOCK_GUARD_1 over __msi_lock_descs); gd_fill runs under its caller's guard.
 *
 * era: 7.x
 * expect: none
 */
static int gd_fill(struct device *dev)
{
	return msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 4, 5);
}

static int gd_setup(struct device *dev)
{
	int ret;

	guard(msi_descs_lock)(dev);
	ret = msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 0, 3);
	if (ret)
		return ret;
	ret = gd_fill(dev);
	if (ret)
		msi_domain_free_irqs_all_locked(dev, MSI_DEFAULT_DOMAIN);
	return ret;
}

static void gd_teardown(struct device *dev)
{
	scoped_guard (msi_descs_lock, dev)
		msi_domain_free_irqs_all_locked(dev, MSI_DEFAULT_DOMAIN);
}

static int gd_probe(struct platform_device *pdev)
{
	return gd_setup(&pdev->dev);
}

static void gd_remove(struct platform_device *pdev)
{
	gd_teardown(&pdev->dev);
}

static struct platform_driver gd_driver = {
	.probe = gd_probe,
	.remove = gd_remove,
};
