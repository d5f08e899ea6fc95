/* A second pci_alloc_irq_vectors while the first allocation's MSI-X slots are live (§5 scenario 12). The second call
 * always fails, ra_open() returns its errno, and probe returns it with the first vectors still enabled.
 *
 */
static int ra_open(struct pci_dev *pdev)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_ALL_TYPES);  // expect: msi/index-conflict error
	return n < 0 ? n : 0;
}

static int ra_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return ra_open(pdev);  // expect: msi/leak error
}

static void ra_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ra_driver = {
	.probe = ra_probe,
	.remove = ra_remove,
};
