/* The same driver unmanaged (pci_enable_device): the same index error, and now nothing frees
 * the vectors: remove leaks them (so does the error path at line 20, which the replay does not
 * walk yet: it keeps `ret == 0` from the first check across `ret = request_irq()`).
 *
 * expect: msi/vector-unallocated@18 error
 * expect: msi/leak@26 error
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
	ret = request_irq(pci_irq_vector(pdev, 4), umg_irq, 0, "mgd", pdev);
	if (ret)
		return ret;
	return 0;
}

static void umg_remove(struct pci_dev *pdev)
{
}

static struct pci_driver umg_driver = {
	.probe = umg_probe,
	.remove = umg_remove,
};
