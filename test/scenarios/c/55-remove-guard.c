/* remove() starts with `if (!priv) return;`: drvdata is always set after a successful probe, so that return is no leak.
 *
 * expect: none
 */
struct rg_priv { int flags; };

static int rg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 2, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	return 0;
}

static void rg_remove(struct pci_dev *pdev)
{
	struct rg_priv *priv = pci_get_drvdata(pdev);

	if (!priv)
		return;
	pci_free_irq_vectors(pdev);
}

static struct pci_driver rg_driver = {
	.probe = rg_probe,
	.remove = rg_remove,
};
