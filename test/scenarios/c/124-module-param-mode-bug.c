/* As 123, but remove tests another parameter (`msi_quirk`) than the one probe enabled MSI under:
 * with use_msi set and msi_quirk clear, MSI stays enabled after remove.
 */
static int use_msi = 0;
static int msi_quirk = 0;
module_param_named(use_msi, use_msi, int, 0444);

struct mp_ha { struct pci_dev *pcidev; };

static int mp_probe(struct pci_dev *dev, const struct pci_device_id *id)
{
	struct mp_ha *ha;
	int err;

	err = pci_enable_device(dev);
	if (err)
		return err;
	ha = kzalloc(sizeof(*ha), GFP_KERNEL);
	if (!ha)
		return -ENOMEM;
	ha->pcidev = dev;
	pci_set_drvdata(dev, ha);
	if (use_msi)
		pci_enable_msi(ha->pcidev);
	return 0;
}

static void mp_remove(struct pci_dev *dev)
{
	struct mp_ha *ha = pci_get_drvdata(dev);

	if (msi_quirk)
		pci_disable_msi(ha->pcidev);
	kfree(ha);
	pci_disable_device(dev);
}  // expect: msi/leak error

static struct pci_driver mp_driver = {
	.probe = mp_probe,
	.remove = mp_remove,
};
