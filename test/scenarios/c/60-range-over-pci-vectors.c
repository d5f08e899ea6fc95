/* A core range call over the MSI-X vectors pci_alloc_irq_vectors() set up: the 6.12 PCI/MSI-X
 * device domain has no MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS (drivers/pci/msi/irqdomain.c
 * pci_msix_template), so kernel/irq/msi.c:__msi_domain_alloc_locked inserts nothing, skips the
 * associated descriptors 4..7 and returns 0 (§2.1 step 5): no -EBUSY, no collateral erase.
 *
 * expect: none
 */
static int rp_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = msi_domain_alloc_irqs_range(&pdev->dev, MSI_DEFAULT_DOMAIN, 4, 7);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void rp_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver rp_driver = {
	.probe = rp_probe,
	.remove = rp_remove,
};
