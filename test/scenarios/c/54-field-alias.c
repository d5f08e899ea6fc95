/* The device is copied into a private struct; probe allocates through one name, remove frees through the other.
 *
 * expect: none
 */
struct fa_priv { struct pci_dev *pci_dev; };

static int fa_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct fa_priv *tp = pci_get_drvdata(pdev);
	int n;

	tp->pci_dev = pdev;
	n = pci_alloc_irq_vectors(tp->pci_dev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;
}

static void fa_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver fa_driver = {
	.probe = fa_probe,
	.remove = fa_remove,
};
