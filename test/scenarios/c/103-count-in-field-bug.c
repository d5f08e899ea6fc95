/* The test is the wrong way round: vector 1 is read exactly when only one was granted.
 *
 */
struct cg_dev { int nvec; int irq1; };

static int cg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cg_dev *cd = pci_get_drvdata(pdev);
	int n = pci_alloc_irq_vectors(pdev, 1, 2, PCI_IRQ_MSIX);

	if (n < 0)
		return n;
	cd->nvec = n;
	if (cd->nvec == 1)
		cd->irq1 = pci_irq_vector(pdev, 1);  // expect: msi/vector-unallocated error
	return 0;
}

static void cg_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver cg_driver = {
	.probe = cg_probe,
	.remove = cg_remove,
};
