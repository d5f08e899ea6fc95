/* 74's code in 6.12: fsl_mc_msi_domain_alloc_irqs() allocates 0..irq_count-1 in the global
 * fsl-mc domain (drivers/bus/fsl-mc/fsl-mc-msi.c, msi_domain_alloc_irqs_range) and the free
 * releases them, so the second allocation succeeds. Silent.
 *
 * era: 6.12
 * expect: none
 */
static int fm_probe(struct fsl_mc_device *mc_dev)
{
	int err;

	err = fsl_mc_msi_domain_alloc_irqs(&mc_dev->dev, 4);
	if (err)
		return err;
	fsl_mc_msi_domain_free_irqs(&mc_dev->dev);
	err = fsl_mc_msi_domain_alloc_irqs(&mc_dev->dev, 8);
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
