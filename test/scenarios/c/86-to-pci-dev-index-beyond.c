/* The probe allocates on pdev and reads the vectors back through to_pci_dev() of its embedded
 * struct device: one device, so index 4 is one past the four vectors allocated.
 *
 */
static int accb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct pci_dev *p = to_pci_dev(dev);
	int n, ret;

	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = request_irq(pci_irq_vector(to_pci_dev(dev), 4), accb_irq, 0, "acc", p);  // expect: msi/vector-unallocated error
	if (ret) {
		pci_free_irq_vectors(p);
		return ret;
	}
	return 0;
}

static void accb_remove(struct pci_dev *pdev)
{
	free_irq(pci_irq_vector(pdev, 3), pdev);
	pci_free_irq_vectors(container_of(&pdev->dev, struct pci_dev, dev));
}

static struct pci_driver accb_driver = {
	.probe = accb_probe,
	.remove = accb_remove,
};
