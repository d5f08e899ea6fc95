/* Free a dynamic slot, then allocate the same slot again: the free erased it (§5 scenario 25).
 *
 * expect: none
 */
static int dfr_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map m;
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	if (!pci_msix_can_alloc_dyn(pdev))
		return 0;
	m = pci_msix_alloc_irq_at(pdev, 5, NULL);
	if (m.index < 0)
		return 0;
	pci_msix_free_irq(pdev, m);
	m = pci_msix_alloc_irq_at(pdev, 5, NULL);
	return 0;
}

static void dfr_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver dfr_driver = {
	.probe = dfr_probe,
	.remove = dfr_remove,
};
