/* Sparse msix_entry table: slots 0, 4 and 9 are allocated, so slot 9 resolves (§5 scenario 4).
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int sparse_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msix_entry e[3] = { { .entry = 0 }, { .entry = 4 }, { .entry = 9 } };
	int ret;

	ret = pci_enable_msix_exact(pdev, e, 3);
	if (ret)
		return ret;
	ret = request_irq(pci_irq_vector(pdev, 9), h, 0, "x", pdev);
	if (ret) {
		pci_disable_msix(pdev);
		return ret;
	}
	return 0;
}

static void sparse_remove(struct pci_dev *pdev)
{
	pci_disable_msix(pdev);
}

static struct pci_driver sparse_driver = {
	.probe = sparse_probe,
	.remove = sparse_remove,
};
