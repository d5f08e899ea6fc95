/* Multi-MSI minimum of 4: depends on the device's Multiple Message Capable field and the platform (§5 scenario 19): info, since the tree cannot tell which hardware the driver runs on.
 *
 */
static int m4_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSI);  // expect: msi/multi-msi-limit info speculative
	if (n < 0)
		return n;
	return 0;
}

static void m4_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver m4_driver = {
	.probe = m4_probe,
	.remove = m4_remove,
};
