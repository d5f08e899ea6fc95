/* A second pci_alloc_irq_vectors while the first allocation's MSI-X slots are live (§5 scenario 12).
 *
 * expect: msi/index-conflict@9 error
 */
static int ra_open(struct pci_dev *pdev)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_ALL_TYPES);
	return n < 0 ? n : 0;
}

static int ra_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return ra_open(pdev);
}

static void ra_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ra_driver = {
	.probe = ra_probe,
	.remove = ra_remove,
};
