/* The same indices on two different devices: stores belong to struct device (§5 scenario 42).
 *
 * expect: none
 */
static void wmsg(struct msi_desc *desc, struct msi_msg *msg) { }

static int td_setup(struct pci_dev *pdev, struct platform_device *child)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = platform_device_msi_init_and_alloc_irqs(&child->dev, 4, wmsg);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}
