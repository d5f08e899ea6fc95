/* The 6.12 PCI/MSI device domain has hwsize 1 (drivers/pci/msi/irqdomain.c:
 * pci_setup_msi_device_domain creates it for one descriptor): the core range 0..3 over the MSI
 * vectors fails msi_ctrl_valid (WARN, -EINVAL). 72 is the same code in 7.x.
 *
 * era: 6.12
 */
static int hw_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	ret = msi_domain_alloc_irqs_range(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, 3);  // expect: msi/index-out-of-range error
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
