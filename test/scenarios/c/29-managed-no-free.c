/* Managed device (pcim_enable_device): pcim_msi_release frees the vectors at detach (§5 scenario 32).
 *
 * expect: none
 */
static int mnf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_ALL_TYPES);
	if (n < 0)
		return n;
	if (!id->driver_data)
		return -ENODEV;
	return 0;
}

static void mnf_remove(struct pci_dev *pdev)
{
}

static struct pci_driver mnf_driver = {
	.probe = mnf_probe,
	.remove = mnf_remove,
};
