/* Unmanaged driver whose remove never frees the vectors (§5 scenario 30).
 *
 */
static int lr_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;
}

static void lr_remove(struct pci_dev *pdev)
{
	pci_disable_device(pdev);
}  // expect: msi/leak error

static struct pci_driver lr_driver = {
	.probe = lr_probe,
	.remove = lr_remove,
};
