/* Dynamic MSI-X without pci_msix_can_alloc_dyn(): only x86 vector/IR parents support it (§5 scenario 22).
 *
 */
static int dug_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map m;
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	m = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);  // expect: msi/dynamic-msix-unsupported warning
	if (m.index < 0) {
		pci_free_irq_vectors(pdev);
		return m.index;
	}
	return 0;
}

static void dug_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver dug_driver = {
	.probe = dug_probe,
	.remove = dug_remove,
};
