/* MSI-X when the kernel has CONFIG_PCI_MSI, INTx-style MSI otherwise: the two branches are
 * alternatives (one configuration each), never run one after the other.
 *
 * expect: none
 */
static int alt_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

#ifdef CONFIG_PCI_MSI
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
#else
	n = pci_enable_msi(pdev);
	if (n)
		return n;
#endif
	return 0;
}

static void alt_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver alt_driver = {
	.probe = alt_probe,
	.remove = alt_remove,
};
