/* The same debug block, but the driver defines its macro: the MSI-X request is compiled in
 * and runs while MSI is enabled.
 *
 */
#define DBG_FORCE_MSIX

static int dbg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret, n;

	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
#ifdef DBG_FORCE_MSIX
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);  // expect: msi/msi-msix-exclusive error
	if (n < 0) {
		pci_disable_msi(pdev);
		return n;
	}
#else
	n = 0;
#endif
	return 0;
}

static void dbg_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver dbg_driver = {
	.probe = dbg_probe,
	.remove = dbg_remove,
};
