/* Inverted min/max in pci_alloc_irq_vectors: -ERANGE from MSI-X and MSI (§5 scenario 20).
 *
 */
static int inv_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 8, 4, PCI_IRQ_MSIX | PCI_IRQ_MSI);  // expect: msi/range-inverted error
	if (n < 0)
		return n;
	return 0;
}

static void inv_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver inv_driver = {
	.probe = inv_probe,
	.remove = inv_remove,
};
