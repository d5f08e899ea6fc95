/* Constants through a local: `int nvec = 4;` makes the allocation exactly 4 vectors, so
 * vector 3 exists.
 *
 * expect: none
 */
static int cl_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int nvec = 4;
	int n;

	n = pci_alloc_irq_vectors(pdev, nvec, nvec, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	pci_set_drvdata(pdev, (void *)(long)pci_irq_vector(pdev, 3));
	return 0;
}

static void cl_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver cl_driver = {
	.probe = cl_probe,
	.remove = cl_remove,
};
