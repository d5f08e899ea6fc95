/* `if (pdev->msix_enabled) return 0;` after a full free: the model reads the mode it tracks.
 *
 * expect: none
 */
struct mg_nic { struct pci_dev *pdev; int nvec; };

static int mg_misc_irq(struct mg_nic *nic)
{
	int ret;

	if (nic->pdev->msix_enabled)
		return 0;
	ret = pci_alloc_irq_vectors(nic->pdev, 4, 4, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	return 0;
}

static int mg_open(struct mg_nic *nic)
{
	int ret, irq;

	pci_free_irq_vectors(nic->pdev);
	ret = mg_misc_irq(nic);
	if (ret)
		return ret;
	irq = pci_irq_vector(nic->pdev, 3);
	return irq;
}
