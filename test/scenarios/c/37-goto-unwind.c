/* Error unwinding with goto: every label after the allocation frees it.
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int gu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX | PCI_IRQ_MSI);
	if (n < 0) {
		ret = n;
		goto err_disable;
	}
	ret = request_irq(pci_irq_vector(pdev, 0), h, 0, "gu", pdev);
	if (ret)
		goto err_vectors;
	return 0;

err_vectors:
	pci_free_irq_vectors(pdev);
err_disable:
	pci_disable_device(pdev);
	return ret;
}

static void gu_remove(struct pci_dev *pdev)
{
	free_irq(pci_irq_vector(pdev, 0), pdev);
	pci_free_irq_vectors(pdev);
	pci_disable_device(pdev);
}

static struct pci_driver gu_driver = {
	.probe = gu_probe,
	.remove = gu_remove,
};
