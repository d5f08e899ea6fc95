/* The count pci_alloc_irq_vectors() returns is never tested: on failure the driver reads a
 * vector that does not exist.
 *
 */
struct ru_priv { int irq; };

static int ru_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ru_priv *priv = pci_get_drvdata(pdev);
	pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);  // expect: msi/result-unchecked warning
	priv->irq = pci_irq_vector(pdev, 0);
	return 0;
}

static void ru_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ru_driver = {
	.probe = ru_probe,
	.remove = ru_remove,
};
