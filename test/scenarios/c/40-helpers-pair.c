/* Probe allocates through a helper; remove frees through another helper of the same file.
 *
 * expect: none
 */
static int hp_request_irqs(struct pci_dev *pdev)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 2, 8, PCI_IRQ_MSIX);
	return n < 0 ? n : 0;
}

static void hp_release_irqs(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static int hp_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	ret = hp_request_irqs(pdev);
	if (ret)
		return ret;
	return 0;
}

static void hp_remove(struct pci_dev *pdev)
{
	hp_release_irqs(pdev);
}

static struct pci_driver hp_driver = {
	.probe = hp_probe,
	.remove = hp_remove,
};
