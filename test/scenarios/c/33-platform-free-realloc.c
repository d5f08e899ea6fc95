/* Platform MSI: allocate, free everything (domain removed), allocate again with a new size (§5 scenario 36).
 *
 * expect: none
 */
static void wmsg(struct msi_desc *desc, struct msi_msg *msg) { }

static int pfr_setup(struct platform_device *pdev)
{
	int ret;

	ret = platform_device_msi_init_and_alloc_irqs(&pdev->dev, 4, wmsg);
	if (ret)
		return ret;
	platform_device_msi_free_irqs_all(&pdev->dev);
	ret = platform_device_msi_init_and_alloc_irqs(&pdev->dev, 8, wmsg);
	return ret;
}
