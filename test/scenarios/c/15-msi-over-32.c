/* MSI count above 32: pci_msi_vec_count() is at most 32, so -ENOSPC (§5 scenario 18).
 *
 */
static int m64_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 64, 64, PCI_IRQ_MSI);  // expect: msi/multi-msi-limit error
	if (n < 0)
		return n;
	return 0;
}

static void m64_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver m64_driver = {
	.probe = m64_probe,
	.remove = m64_remove,
};
