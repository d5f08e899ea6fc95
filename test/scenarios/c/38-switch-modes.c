/* A switch chooses MSI-X or MSI: the cases never both run.
 *
 * expect: none
 */
enum irq_mode { MODE_MSIX, MODE_MSI, MODE_INTX };

static int sm_enable(struct pci_dev *pdev, enum irq_mode mode)
{
	int n = 0;

	switch (mode) {
	case MODE_MSIX:
		n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
		break;
	case MODE_MSI:
		n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
		break;
	default:
		break;
	}
	return n;
}
