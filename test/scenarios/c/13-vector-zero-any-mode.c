/* pci_irq_vector(pdev, 0) is valid in MSI-X, MSI and INTx alike once n >= 1 (§5 scenario 16).
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int vz_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_ALL_TYPES);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(pdev, 0), h, IRQF_SHARED, "x", pdev);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void vz_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver vz_driver = {
	.probe = vz_probe,
	.remove = vz_remove,
};
