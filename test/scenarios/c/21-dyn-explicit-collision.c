/* Explicit dynamic index inside the initial allocation: xa_insert gives -EBUSY (§5 scenario 24).
 *
 */
static int dec_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map m;
	int n;

	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	if (!pci_msix_can_alloc_dyn(pdev))
		return 0;
	m = pci_msix_alloc_irq_at(pdev, 2, NULL);  // expect: msi/index-conflict error
	return 0;
}

static void dec_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver dec_driver = {
	.probe = dec_probe,
	.remove = dec_remove,
};
