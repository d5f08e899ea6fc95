/* `if (!ret)` as the success test of pci_alloc_irq_vectors(): it returns the count (at least 1)
 * or a negative errno, never 0, so the setup branch never runs.
 *
 */
struct is_priv { int irq; };

static int is_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct is_priv *priv = pci_get_drvdata(pdev);
	int ret = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);

	if (!ret) {  // expect: msi/impossible-success-test warning
		priv->irq = pci_irq_vector(pdev, 0);
		return 0;
	}
	return ret;
}

static void is_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver is_driver = {
	.probe = is_probe,
	.remove = is_remove,
};
