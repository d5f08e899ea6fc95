/* Explicit index at hwsize after a platform allocation of 4: -ERANGE (§5 scenario 38).
 *
 */
static void wmsg(struct msi_desc *desc, struct msi_msg *msg) { }

static int iph_setup(struct platform_device *pdev)
{
	struct msi_map m;
	int ret;

	ret = platform_device_msi_init_and_alloc_irqs(&pdev->dev, 4, wmsg);
	if (ret)
		return ret;
	m = msi_domain_alloc_irq_at(&pdev->dev, MSI_DEFAULT_DOMAIN, 4, NULL, NULL);  // expect: msi/index-out-of-range error
	return m.index < 0 ? m.index : 0;
}
