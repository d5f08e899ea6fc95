/* As 110's probe, but the granted count goes back into n, the local that held the table size:
 * C reads min_vecs and max_vecs before storing the result, so this is still the whole MSI-X
 * table and the device's fixed vector 5 exists. Silent (with --speculative too).
 *
 * expect: none
 */
struct wt_priv { int misc_irq; };

static int wt_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct wt_priv *priv = pci_get_drvdata(pdev);
	int n;

	n = pci_msix_vec_count(pdev);
	if (n < 0)
		return n;
	n = pci_alloc_irq_vectors(pdev, n, n, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	priv->misc_irq = pci_irq_vector(pdev, 5);
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
