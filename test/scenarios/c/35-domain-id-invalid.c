/* Domain id 1 in a 6.12 tree, where MSI_MAX_DEVICE_IRQDOMAINS is 1 (§5 scenario 39).
 *
 */
static int did_setup(struct device *dev)
{
	return msi_domain_alloc_irqs_range(dev, 1, 0, 3);  // expect: msi/domain-id-invalid error
}
