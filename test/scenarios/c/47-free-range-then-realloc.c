/* Free part of a range, then allocate exactly that part again.
 *
 * expect: none
 */
static int frr_setup(struct device *dev)
{
	int ret;

	ret = msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 0, 7);
	if (ret)
		return ret;
	msi_domain_free_irqs_range(dev, MSI_DEFAULT_DOMAIN, 4, 7);
	return msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 4, 7);
}
