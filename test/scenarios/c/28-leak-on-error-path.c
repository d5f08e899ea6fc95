/* Probe error path that returns without freeing the vectors (§5 scenario 31).
 *
 */
struct ring_priv { int nrings; };

static int setup_rings(struct ring_priv *priv)
{
	return priv->nrings ? 0 : -EINVAL;
}

static int lep_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ring_priv *priv = pci_get_drvdata(pdev);
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = setup_rings(priv);
	if (ret)
		return ret;  // expect: msi/leak error
	return 0;
}

static void lep_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver lep_driver = {
	.probe = lep_probe,
	.remove = lep_remove,
};
