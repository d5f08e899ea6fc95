/* Domain creation in 7.x: an MSI controller creates its parent domain with
 * msi_create_parent_irq_domain() (kernel/irq/msi.c); pci_msi_create_irq_domain() is gone from
 * include/linux/msi.h, so the second, rebased-from-6.12 controller is reported.
 *
 * era: 7.x
 */
static const struct msi_parent_ops pd_parent_ops = {
	.prefix = "PD-",
};

static int pd_init(struct irq_domain_info *info)
{
	if (!msi_create_parent_irq_domain(info, &pd_parent_ops))
		return -ENOMEM;
	return 0;
}

static int pd_old_init(struct fwnode_handle *fwnode, struct msi_domain_info *info, struct irq_domain *parent)
{
	if (!pci_msi_create_irq_domain(fwnode, info, parent))  // expect: msi/api-not-in-era warning
		return -ENOMEM;
	return 0;
}
