/* The result is stored in a struct field and tested there: its failure branch returns with
 * nothing allocated.
 *
 * expect: none
 */
struct rf_priv { int nvec; };

static int rf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rf_priv *priv = pci_get_drvdata(pdev);

	priv->nvec = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (priv->nvec < 0)
		return priv->nvec;
	return 0;
}

static void rf_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver rf_driver = {
	.probe = rf_probe,
	.remove = rf_remove,
};
