/* `return start(priv);` after the allocation: when start() fails, probe fails with the
 * vectors still allocated.
 *
 */
struct rh_priv { int up; };

static int rh_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rh_priv *priv = pci_get_drvdata(pdev);
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return rh_start(priv);  // expect: msi/leak warning
}

static void rh_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver rh_driver = {
	.probe = rh_probe,
	.remove = rh_remove,
};
