/* pci_msix_free_irq() twice on one map: the second is a silent no-op (§5 scenario 26).
 *
 */
static int ddf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map m;
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	if (!pci_msix_can_alloc_dyn(pdev))
		return 0;
	m = pci_msix_alloc_irq_at(pdev, 3, NULL);
	if (m.index < 0)
		return 0;
	pci_msix_free_irq(pdev, m);
	pci_msix_free_irq(pdev, m);  // expect: msi/free-unallocated error
	return 0;
}

static void ddf_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ddf_driver = {
	.probe = ddf_probe,
	.remove = ddf_remove,
};
