/* pci_disable_msi() on a device with MSI-X enabled: a no-op that leaves slots 0..3 allocated (§5 scenario 29).
 *
 */
static int md_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;
}

static void md_remove(struct pci_dev *pdev)
{
	pci_disable_msi(pdev);  // expect: msi/free-unallocated error
}  // expect: msi/leak error

static struct pci_driver md_driver = {
	.probe = md_probe,
	.remove = md_remove,
};
