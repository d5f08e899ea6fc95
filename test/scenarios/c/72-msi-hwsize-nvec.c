/* 7.x sizes the PCI/MSI device domain by the device's MSI vector count
 * (drivers/pci/msi/msi.c:__pci_enable_msi_range passes pci_msi_vec_count() to
 * pci_setup_msi_device_domain before clamping nvec): a core range over the four MSI vectors is
 * inside the domain (and, without MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS, inserts nothing). The vector
 * count is not known here, so nothing is reported; 73 is the same code in 6.12 (hwsize 1).
 *
 * era: 7.x
 * expect: none
 */
static int hw_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	ret = msi_domain_alloc_irqs_range(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 3);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void hw_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver hw_driver = {
	.probe = hw_probe,
	.remove = hw_remove,
};
