/* `if (ret == -ENOSPC)` retries with fewer vectors: only a failed first call gets there.
 *
 */
static int ef_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 32, 32, PCI_IRQ_MSI);  // expect: msi/multi-msi-limit info speculative
	if (ret == -ENOSPC) {
		ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
		if (ret < 0)
			return ret;
	} else if (ret < 0) {
		return ret;
	}
	return 0;
}

static void ef_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ef_driver = {
	.probe = ef_probe,
	.remove = ef_remove,
};
