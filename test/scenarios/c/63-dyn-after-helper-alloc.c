/* MSI-X enabled in a helper that returns pci_alloc_irq_vectors()' result; the probe checks it
 * (`if (ret < 0) return ret;`), so MSI-X is enabled on the path that reaches the guarded
 * dynamic allocation (6.12 drivers/pci/msi/api.c:pci_msix_alloc_irq_at needs dev->msix_enabled).
 *
 * expect: none
 */
static int dh_setup_msix(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 2, 2, PCI_IRQ_MSIX);
}

static int dh_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map map;
	int ret;

	ret = dh_setup_msix(pdev);
	if (ret < 0)
		return ret;
	if (pci_msix_can_alloc_dyn(pdev)) {
		map = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);
		if (map.index < 0) {
			pci_free_irq_vectors(pdev);
			return map.index;
		}
	}
	return 0;
}

static void dh_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver dh_driver = {
	.probe = dh_probe,
	.remove = dh_remove,
};
