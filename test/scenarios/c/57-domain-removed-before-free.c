/* The device domain is removed before the free: msi_ctrl_valid() WARNs and nothing is freed (§5 scenario 40).
 *
 */
static const struct msi_domain_template drb_template;

static int drb_setup(struct device *dev)
{
	int ret;

	if (!msi_create_device_irq_domain(dev, MSI_DEFAULT_DOMAIN, &drb_template, 16, NULL, NULL))
		return -ENODEV;
	ret = msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 0, 3);
	if (ret)
		return ret;
	msi_remove_device_irq_domain(dev, MSI_DEFAULT_DOMAIN);
	msi_domain_free_irqs_all(dev, MSI_DEFAULT_DOMAIN);  // expect: msi/domain-missing error
	return 0;
}
