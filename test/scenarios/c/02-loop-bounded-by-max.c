/* Loop bounded by max_vecs while the call may return fewer vectors (§5 scenario 2): the index
 * comes from the requested count, not the granted one.
 *
 */
static int irqs[16];

static int lbm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, i;

	n = pci_alloc_irq_vectors(pdev, 1, 16, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	for (i = 0; i < 16; i++)
		irqs[i] = pci_irq_vector(pdev, i);  // expect: msi/index-from-requested warning
	return 0;
}

static void lbm_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver lbm_driver = {
	.probe = lbm_probe,
	.remove = lbm_remove,
};
