/* A call on the right of `&&` runs only when the left holds: the MSI enable runs only where
 * n_msi became 1, which an exact request of 3 vectors that succeeded never does (no index
 * conflict); min 3 needs multi-MSI (info: the device and platform decide).
 *
 */
static int sc_setup(struct pci_dev *pdev, int n_msi)
{
	if (n_msi == 3 && pci_alloc_irq_vectors(pdev, 3, 3, PCI_IRQ_MSI) < 3)  // expect: msi/multi-msi-limit info speculative
		n_msi = 1;
	if (n_msi == 1 && pci_enable_msi(pdev))
		n_msi = 0;
	return n_msi;
}
