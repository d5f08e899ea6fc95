/* A function on its own reads vector 0 of a device it did not set up: the earlier state is unknown.
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int ups_open(struct pci_dev *pdev)
{
	return request_irq(pci_irq_vector(pdev, 0), h, 0, "ups", pdev);
}

static void ups_close(struct pci_dev *pdev)
{
	free_irq(pci_irq_vector(pdev, 0), pdev);
	pci_disable_msix(pdev);
}
