/* MSI_ANY_INDEX twice, guarded by pci_msix_can_alloc_dyn(): xa_alloc hands out free slots (§5 scenario 23).
 *
 * expect: none
 */
static int aig_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map m1, m2;
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	if (!pci_msix_can_alloc_dyn(pdev))
		goto out;
	m1 = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);
	m2 = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);
out:
	return 0;
}

static void aig_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver aig_driver = {
	.probe = aig_probe,
	.remove = aig_remove,
};
