/* Allocate MSI, free everything, allocate MSI-X: the free makes room (§5 scenario 15).
 *
 * expect: none
 */
static int afa_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	pci_free_irq_vectors(pdev);
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;
}

static void afa_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver afa_driver = {
	.probe = afa_probe,
	.remove = afa_remove,
};
