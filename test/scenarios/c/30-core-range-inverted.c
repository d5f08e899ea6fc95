/* Inverted range and nirqs == 0 in the 6.12 core API: msi_ctrl_valid() WARNs, -EINVAL (§5 scenario 33).
 *
 */
static int cri_setup(struct device *dev)
{
	return msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 8, 3);  // expect: msi/range-inverted error
}

static int cri_setup_empty(struct device *dev)
{
	return msi_domain_alloc_irqs(dev, MSI_DEFAULT_DOMAIN, 0);  // expect: msi/range-inverted error
}
