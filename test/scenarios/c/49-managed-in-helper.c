/* pcim_enable_device() in a helper without MSI calls: the device is managed, no leak on the error path.
 *
 * expect: none
 */
static int mih_enable(struct pci_dev *pdev)
{
	int err;

	err = pcim_enable_device(pdev);
	if (err)
		return err;
	pci_set_master(pdev);
	return 0;
}

static int mih_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int n, ret;

	ret = mih_enable(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSI);
	if (n < 0)
		return n;
	if (!id->driver_data)
		return -ENODEV;
	return 0;
}

static struct pci_driver mih_driver = {
	.probe = mih_probe,
};
