/* min_vecs = max_vecs = pci_msix_vec_count(): the whole MSI-X table is allocated, so the
 * device's fixed vector 5 exists; asking for 1..n it may not (info: it depends on the granted
 * count only, which the model cannot bound).
 *
 */
struct wt_priv { int misc_irq; };

static int wt_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct wt_priv *priv = pci_get_drvdata(pdev);
	int n, ret;

	n = pci_msix_vec_count(pdev);
	if (n < 0)
		return n;
	ret = pci_alloc_irq_vectors(pdev, n, n, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	priv->misc_irq = pci_irq_vector(pdev, 5);
	return 0;
}

static int wt_reinit(struct pci_dev *pdev, struct wt_priv *priv, int n)
{
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 1, n, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	priv->misc_irq = pci_irq_vector(pdev, 5);  // expect: msi/vector-unallocated info speculative
	return 0;
}

static void wt_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver wt_driver = {
	.probe = wt_probe,
	.remove = wt_remove,
};
