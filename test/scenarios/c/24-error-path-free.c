/* Free on the error path and again in remove: different lifetimes, and the free is idempotent (§5 scenario 27).
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int epf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_ALL_TYPES);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(pdev, 0), h, 0, "x", pdev);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void epf_remove(struct pci_dev *pdev)
{
	free_irq(pci_irq_vector(pdev, 0), pdev);
	pci_free_irq_vectors(pdev);
}

static struct pci_driver epf_driver = {
	.probe = epf_probe,
	.remove = epf_remove,
};
