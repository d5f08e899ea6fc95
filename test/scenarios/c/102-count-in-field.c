/* The granted count, copied into a field, decides the lookup: vector 1 is read only when two
 * were granted.
 *
 * expect: none
 */
struct cf_dev { int nvec; int irq1; };

static int cf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cf_dev *cd = pci_get_drvdata(pdev);
	int n = pci_alloc_irq_vectors(pdev, 1, 2, PCI_IRQ_MSIX);

	if (n < 0)
		return n;
	cd->nvec = n;
	if (cd->nvec == 2)
		cd->irq1 = pci_irq_vector(pdev, 1);
	return 0;
}

static void cf_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver cf_driver = {
	.probe = cf_probe,
	.remove = cf_remove,
};
