/* platform_device_msi_init_and_alloc_irqs() twice: the domain already exists, -ENODEV (§5 scenario 35).
 *
 */
static void wmsg(struct msi_desc *desc, struct msi_msg *msg) { }

static int pit_setup(struct platform_device *pdev)
{
	int ret;

	ret = platform_device_msi_init_and_alloc_irqs(&pdev->dev, 4, wmsg);
	if (ret)
		return ret;
	ret = platform_device_msi_init_and_alloc_irqs(&pdev->dev, 4, wmsg);  // expect: msi/index-conflict error
	return ret;
}
