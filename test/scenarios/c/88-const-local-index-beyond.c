/* The vector count sits in a local initialised to a constant: exactly four vectors are
 * allocated, so reading vector nvec (4) is one past the end on every success path.
 *
 */
static int locb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int nvec = 4;
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, nvec, nvec, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(pdev, 0), locb_irq, 0, "locb", pdev);
	ret = ret ?: request_irq(pci_irq_vector(pdev, nvec), locb_irq, 0, "locb", pdev);  // expect: msi/vector-unallocated error
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void locb_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver locb_driver = {
	.probe = locb_probe,
	.remove = locb_remove,
};
