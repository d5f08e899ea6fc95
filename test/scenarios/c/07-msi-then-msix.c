/* MSI enabled, then MSI-X requested without disabling MSI first (§5 scenario 10).
 *
 */
static int mtx_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret, n;

	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);  // expect: msi/msi-msix-exclusive error
	if (n < 0) {
		pci_disable_msi(pdev);
		return n;
	}
	return 0;
}

static void mtx_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver mtx_driver = {
	.probe = mtx_probe,
	.remove = mtx_remove,
};
