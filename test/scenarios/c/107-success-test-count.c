/* The same with `if (ret > 0)`: a count passes it; pci_enable_msi()'s `if (!ret)` is right (it
 * returns 0 on success).
 *
 * expect: none
 */
struct sc_priv { int irq; };

static int sc_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sc_priv *priv = pci_get_drvdata(pdev);
	int ret = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);

	if (ret > 0) {
		priv->irq = pci_irq_vector(pdev, 0);
		return 0;
	}
	ret = pci_enable_msi(pdev);
	if (!ret)
		return 0;
	return ret;
}

static void sc_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver sc_driver = {
	.probe = sc_probe,
	.remove = sc_remove,
};
