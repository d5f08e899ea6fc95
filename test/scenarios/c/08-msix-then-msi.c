/* MSI-X enabled, then pci_enable_msi() (§5 scenario 11).
 *
 */
static int xtm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = pci_enable_msi(pdev);  // expect: msi/msi-msix-exclusive error
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void xtm_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver xtm_driver = {
	.probe = xtm_probe,
	.remove = xtm_remove,
};
