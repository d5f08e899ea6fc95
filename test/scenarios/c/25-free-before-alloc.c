/* pci_free_irq_vectors() on an unwind label reached before anything was allocated (§5 scenario 28).
 *
 * expect: none
 */
static int fba_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	void *base;
	int n;

	base = pci_iomap(pdev, 0, 0);
	if (!base)
		return -ENOMEM;
	if (!id->driver_data)
		goto err_unmap;
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		goto err_unmap;
	return 0;
err_unmap:
	pci_free_irq_vectors(pdev);
	pci_iounmap(pdev, base);
	return -ENODEV;
}

static void fba_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver fba_driver = {
	.probe = fba_probe,
	.remove = fba_remove,
};
