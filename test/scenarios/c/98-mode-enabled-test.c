/* `pdev->msi_enabled || pdev->msix_enabled` guards the free: read from the mode this walk set.
 *
 * expect: none
 */
static void me_teardown(struct pci_dev *pdev)
{
	if (pdev->msi_enabled || pdev->msix_enabled)
		pci_free_irq_vectors(pdev);
}

static int me_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX | PCI_IRQ_MSI);

	if (n < 0)
		return n;
	if (me_start(pdev)) {
		me_teardown(pdev);
		return -EIO;
	}
	return 0;
}

static void me_remove(struct pci_dev *pdev)
{
	me_teardown(pdev);
}

static struct pci_driver me_driver = {
	.probe = me_probe,
	.remove = me_remove,
};
