/* The same range under the per-domain layout: last >= 65536 fails msi_ctrl_valid() (§5 scenario 45).
 *
 */
static int rbh_setup(struct device *dev)
{
	return msi_domain_alloc_irqs_range(dev, 0, 0xfff0, 0x1000f);  // expect: msi/index-out-of-range error
}
