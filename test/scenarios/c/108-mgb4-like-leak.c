/* Reduction of a 6.12 media driver: MSI-X stays on when the DMA mask cannot be set after the
 * allocation, because that failure unwinds past the label that frees the vectors.
 *
 */
static int mg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int rv;

	rv = pci_enable_device(pdev);
	if (rv)
		return rv;
	rv = pcie_set_readrq(pdev, 512);
	if (rv)
		dev_warn(&pdev->dev, "no readrq\n");
	rv = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (rv < 0)
		goto err_disable;
	rv = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (rv)
		goto err_disable;  // expect: msi/leak error
	return 0;
err_free_irq:
	pci_disable_msix(pdev);
err_disable:
	pci_disable_device(pdev);
	return rv;
}

static struct pci_driver mg_driver = {
	.probe = mg_probe,
};
