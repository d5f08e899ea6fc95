/* The same with `int nvec = 2;`: vector 3 never exists, and pci_irq_vector() returns -EINVAL.
 *
 */
static int cb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int nvec = 2;
	int n;

	n = pci_alloc_irq_vectors(pdev, nvec, nvec, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	pci_set_drvdata(pdev, (void *)(long)pci_irq_vector(pdev, 3));  // expect: msi/vector-unallocated error
	return 0;
}

static void cb_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver cb_driver = {
	.probe = cb_probe,
	.remove = cb_remove,
};
