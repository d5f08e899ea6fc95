/* Multi-MSI: one descriptor at index 0, yet indices 1..n-1 resolve through nvec_used (§5 scenario 17).
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int mm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, i;

	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		request_irq(pci_irq_vector(pdev, i), h, 0, "x", pdev);
	return 0;
}

static void mm_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver mm_driver = {
	.probe = mm_probe,
	.remove = mm_remove,
};
