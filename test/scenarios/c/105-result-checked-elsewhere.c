/* The count is handed to a helper the tool cannot see, which may test it: not "never tested".
 * When that helper fails, probe returns its error with the vectors still allocated: a warning
 * that names the assumption.
 *
 */
struct rc_priv { int irq; };

static int rc_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rc_priv *priv = pci_get_drvdata(pdev);
	int n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);

	return rc_check_vectors(priv, n);  // expect: msi/leak warning
}

static void rc_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver rc_driver = {
	.probe = rc_probe,
	.remove = rc_remove,
};
