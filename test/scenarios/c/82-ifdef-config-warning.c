/* A helper compiled only with CONFIG_PCI_MSI: the conflict in it is definite, but whether the
 * code exists depends on the configuration, so it is a warning, not an error.
 *
 */
#ifdef CONFIG_PCI_MSI
static int cfg_setup_irqs(struct pci_dev *pdev)
{
	int ret, n;

	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);  // expect: msi/msi-msix-exclusive warning
	if (n < 0) {
		pci_disable_msi(pdev);
		return n;
	}
	return 0;
}
#else
static int cfg_setup_irqs(struct pci_dev *pdev)
{
	return 0;
}
#endif

static int cfg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return cfg_setup_irqs(pdev);
}

static void cfg_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver cfg_driver = {
	.probe = cfg_probe,
	.remove = cfg_remove,
};
