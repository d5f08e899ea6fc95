/* The same condition decides the allocation and the lookup: MSI path never reads slot 3.
 *
 * expect: none
 */
struct cc_priv { int use_msix; };

static int cc_setup(struct pci_dev *pdev, struct cc_priv *priv)
{
	int n, irq;

	if (priv->use_msix)
		n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	else
		n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	if (priv->use_msix)
		irq = pci_irq_vector(pdev, 3);
	else
		irq = pci_irq_vector(pdev, 0);
	return irq;
}
