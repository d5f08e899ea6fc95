/* The minimum sits in a local initialised to a constant: the allocation either fails or grants
 * at least 17 vectors, so vector 16 always exists on the success path.
 *
 * expect: none
 */
static int loc_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int min = 17;
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, min, 32, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(pdev, 16), loc_irq, 0, "loc", pdev);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void loc_remove(struct pci_dev *pdev)
{
	free_irq(pci_irq_vector(pdev, 16), pdev);
	pci_free_irq_vectors(pdev);
}

static struct pci_driver loc_driver = {
	.probe = loc_probe,
	.remove = loc_remove,
};
