/* A recursive helper is not unrolled: the allocation does not conflict with itself.
 *
 * expect: none
 */
static int rec_retry(struct pci_dev *pdev, int tries)
{
	int n;

	n = pci_alloc_irq_vectors(pdev, 1, 2, PCI_IRQ_MSIX);
	if (n < 0 && tries > 0)
		return rec_retry(pdev, tries - 1);
	return n < 0 ? n : 0;
}
