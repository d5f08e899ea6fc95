/* Loop bounded by the returned count, not by max_vecs (msi-semantics §5 scenario 1).
 *
 * expect: none
 */
static int q_isr(int irq, void *data) { return 0; }

static int qdrv_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, i, ret;

	n = pci_alloc_irq_vectors(pdev, 2, 16, PCI_IRQ_MSIX | PCI_IRQ_MSI);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), q_isr, 0, "q", pdev);
		if (ret)
			goto err_free;
	}
	return 0;
err_free:
	pci_free_irq_vectors(pdev);
	return ret;
}

static void qdrv_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver qdrv_driver = {
	.name = "qdrv",
	.probe = qdrv_probe,
	.remove = qdrv_remove,
};
