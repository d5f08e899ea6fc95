/* 7.x: a *_locked call with no guard on the path from probe (the core asserts the mutex in
 * kernel/irq/msi.c:msi_ctrl_valid -> msi_get_device_domain), and one whose guard ended with the
 * scoped_guard statement before it. The free in ul_teardown runs under its caller's guard.
 * The error return leaks too: 0..3 on every failing path (the 4..5 or the 6..7 allocation failed),
 * 4..5 only when 6..7 failed (info).
 *
 * era: 7.x
 */
static int ul_setup(struct device *dev)
{
	int ret;

	ret = msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 0, 3);  // expect: msi/descs-unlocked warning
	if (ret)
		return ret;
	scoped_guard (msi_descs_lock, dev) {
		ret = msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 4, 5);
	}
	if (!ret)
		ret = msi_domain_alloc_irqs_range_locked(dev, MSI_DEFAULT_DOMAIN, 6, 7);  // expect: msi/descs-unlocked warning
	return ret;
}

static void ul_teardown(struct device *dev)
{
	msi_domain_free_irqs_all_locked(dev, MSI_DEFAULT_DOMAIN);
}

static int ul_probe(struct platform_device *pdev)
{
	return ul_setup(&pdev->dev);  // expect: msi/leak error, msi/leak info
}

static void ul_remove(struct platform_device *pdev)
{
	guard(msi_descs_lock)(&pdev->dev);
	ul_teardown(&pdev->dev);
}

static struct platform_driver ul_driver = {
	.probe = ul_probe,
	.remove = ul_remove,
};
