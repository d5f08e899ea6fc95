/* A dynamic allocation under pci_msix_can_alloc_dyn(): the model knows what both answers mean, so
 * the calls under the guard are not on an unread branch. On the guarded path index 3 is still held
 * by the exact allocation of 0..7: -EBUSY whatever the platform (an error, not an info).
 *
 */
static int dg_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map map;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	if (pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX) < 0)
		return -ENODEV;
	if (pci_msix_can_alloc_dyn(pdev)) {
		map = pci_msix_alloc_irq_at(pdev, 3, NULL);  // expect: msi/index-conflict error
		if (map.index < 0)
			return map.index;
	}
	return 0;
}

static struct pci_driver dg_driver = {
	.probe = dg_probe,
};
