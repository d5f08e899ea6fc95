/* A range that leaves window 0 of the partitioned single store (§5 scenario 45).
 *
 * layout: partitioned
 */
static int pc_setup(struct device *dev)
{
	return msi_domain_alloc_irqs_range(dev, 0, 0xfff0, 0x1000f);  // expect: msi/partition-crossing error
}
