/* Two simple-descriptor allocations from index 0 in the 6.1-style single store collide (§5 scenario 44, xarray row).
 *
 * layout: xarray
 */
static int ix_setup(struct device *dev)
{
	int ret;

	ret = msi_domain_alloc_irqs_range(dev, 0, 0, 7);
	if (ret)
		return ret;
	return msi_domain_alloc_irqs_range(dev, 0, 0, 3);  // expect: msi/index-conflict error
}
