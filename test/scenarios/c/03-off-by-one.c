/* Off-by-one: index n is never allocated in any mode (§5 scenario 3).
 *
 */
static int h(int irq, void *d) { return 0; }

static int obo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, i;

	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_ALL_TYPES);
	if (n < 0)
		return n;
	for (i = 0; i <= n; i++)
		request_irq(pci_irq_vector(pdev, i), h, 0, "x", pdev);  // expect: msi/vector-unallocated error
	return 0;
}

static void obo_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver obo_driver = {
	.probe = obo_probe,
	.remove = obo_remove,
};
