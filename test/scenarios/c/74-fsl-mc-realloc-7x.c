/* 7.x fsl-mc: fsl_mc_msi_domain_alloc_irqs() creates a device domain of irq_count through
 * platform_device_msi_init_and_alloc_irqs(); fsl_mc_msi_domain_free_irqs() frees the IRQs but
 * keeps the domain, so an allocation after a free finds the slot occupied
 * (kernel/irq/msi.c:msi_create_device_irq_domain WARNs and returns false: -ENODEV).
 * 75 is the same code in 6.12, where the global fsl-mc domain takes it.
 *
 * era: 7.x
 */
static int fm_probe(struct fsl_mc_device *mc_dev)
{
	int err;

	err = fsl_mc_msi_domain_alloc_irqs(&mc_dev->dev, 4);
	if (err)
		return err;
	fsl_mc_msi_domain_free_irqs(&mc_dev->dev);
	err = fsl_mc_msi_domain_alloc_irqs(&mc_dev->dev, 8);  // expect: msi/index-conflict error
	if (err)
		return err;
	return 0;
}

static void fm_remove(struct fsl_mc_device *mc_dev)
{
	fsl_mc_msi_domain_free_irqs(&mc_dev->dev);
}

static struct fsl_mc_driver fm_driver = {
	.probe = fm_probe,
	.remove = fm_remove,
};
