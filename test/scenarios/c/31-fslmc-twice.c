/* Second fsl-mc allocation without a free: -EBUSY and, in 6.12, collateral erasure (§5 scenario 34).
 *
 */
static int fm_setup(struct fsl_mc_device *mc_dev)
{
	int err;

	err = fsl_mc_msi_domain_alloc_irqs(&mc_dev->dev, 4);
	if (err)
		return err;
	err = fsl_mc_msi_domain_alloc_irqs(&mc_dev->dev, 4);  // expect: msi/index-conflict error
	return err;
}
