/* A debug block under a driver-local macro nobody defines is not compiled: the MSI-X
 * request inside it never runs, so nothing conflicts with the MSI enabled before it.
 *
 * expect: none
 */
static int dbg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret, n;

	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
#ifdef DBG_FORCE_MSIX
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0) {
		pci_disable_msi(pdev);
		return n;
	}
#endif
#if 0
	pci_enable_msi(pdev);
#endif
	return 0;
}

static void dbg_remove(struct pci_dev *pdev)
{
	pci_disable_msi(pdev);
}

static struct pci_driver dbg_driver = {
	.probe = dbg_probe,
	.remove = dbg_remove,
};
