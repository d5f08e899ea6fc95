/* A managed device (pcim_enable_device) has its vectors freed at detach, so the error path
 * that returns without pci_free_irq_vectors() does not leak; but being managed changes nothing
 * else: reading vector 4 of the four allocated still fails.
 *
 */
static int mgd_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(pdev, 4), mgd_irq, 0, "mgd", pdev);  // expect: msi/vector-unallocated error
	if (ret)
		return ret;
	return 0;
}

static void mgd_remove(struct pci_dev *pdev)
{
}

static struct pci_driver mgd_driver = {
	.probe = mgd_probe,
	.remove = mgd_remove,
};
