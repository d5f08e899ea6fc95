/* The same lock pair in a 6.12 tree, with an unlock on the error path before a later locked
 * call: msi_lock_descs() is read as held to the end of the function, so the early unlock never
 * counts against the call after it. Silent.
 *
 * era: 6.12
 * expect: none
 */
static int pr_probe(struct platform_device *pdev)
{
	int ret;

	msi_lock_descs(&pdev->dev);
	ret = msi_domain_alloc_irqs_range_locked(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 3);
	if (ret) {
		msi_unlock_descs(&pdev->dev);
		return ret;
	}
	ret = msi_domain_alloc_irqs_range_locked(&pdev->dev, MSI_DEFAULT_DOMAIN, 4, 5);
	if (ret)
		msi_domain_free_irqs_all_locked(&pdev->dev, MSI_DEFAULT_DOMAIN);
	msi_unlock_descs(&pdev->dev);
	return ret;
}

static struct platform_driver pr_driver = {
	.probe = pr_probe,
};
