/* The same driver unmanaged (pci_enable_device): the same index error, and now nothing frees
 * the vectors: remove leaks them, and so does the error path at line 21 (`ret` is reused: the
 * first check's `ret == 0` does not survive `ret = request_irq()`).
 *
 */
static int umg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(pdev, 4), umg_irq, 0, "mgd", pdev);  // expect: msi/vector-unallocated error
	if (ret)
		return ret;  // expect: msi/leak error
	return 0;
}

static void umg_remove(struct pci_dev *pdev)
{
}  // expect: msi/leak error

static struct pci_driver umg_driver = {
	.probe = umg_probe,
	.remove = umg_remove,
};
