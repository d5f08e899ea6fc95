/* Two explicit core ranges that overlap at 4..7: -EBUSY, and 6.12 erases the whole requested range.
 *
 */
static int or_setup(struct device *dev)
{
	int ret;

	ret = msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 0, 7);
	if (ret)
		return ret;
	return msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 4, 11);  // expect: msi/index-conflict error
}
