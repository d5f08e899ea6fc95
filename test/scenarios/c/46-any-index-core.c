/* MSI_ANY_INDEX in the core API after a range allocation: the lowest free index, never a conflict.
 *
 * expect: none
 */
static int aic_setup(struct device *dev)
{
	struct msi_map m;
	int ret;

	ret = msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 0, 3);
	if (ret)
		return ret;
	m = msi_domain_alloc_irq_at(dev, MSI_DEFAULT_DOMAIN, MSI_ANY_INDEX, NULL, NULL);
	return m.index < 0 ? m.index : 0;
}
