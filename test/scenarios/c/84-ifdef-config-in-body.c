/* The MSI-X request sits under an #ifdef CONFIG_* inside the probe: the conflict exists only
 * in configurations with the option, so it is at most a warning. (The replay reads the
 * undecided #if as a branch it cannot evaluate, which makes it an info today.)
 *
 */
static int cfgb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret, n;

	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
#ifdef CONFIG_CFGB_MSIX
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);  // expect: msi/msi-msix-exclusive info speculative
	if (n < 0) {
		pci_disable_msi(pdev);
		return n;
	}
#endif
	return 0;
}

static void cfgb_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver cfgb_driver = {
	.probe = cfgb_probe,
	.remove = cfgb_remove,
};
