/* MSI fallback after a failed MSI-X allocation: the failure leaves no state behind (§5 scenario 14).
 *
 * expect: none
 */
static int fb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, nq = 4;

	n = pci_alloc_irq_vectors(pdev, nq, nq, PCI_IRQ_MSIX);
	if (n < 0)
		n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	return 0;
}

static void fb_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver fb_driver = {
	.probe = fb_probe,
	.remove = fb_remove,
};
