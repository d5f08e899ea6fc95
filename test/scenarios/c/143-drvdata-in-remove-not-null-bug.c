/* As 142, but the flag test is inverted: with MSI-X enabled the flag is set and remove skips
 * the disable.
 */
#define DR_USING_MSIX 4
struct dr_adapter { struct pci_dev *pdev; struct msix_entry entries[8]; unsigned long flags; };

static int dr_enable_msix(struct dr_adapter *a)
{
	int n = pci_enable_msix_range(a->pdev, a->entries, 2, 8);

	if (n < 0)
		return n;
	return 0;
}

static int dr_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct dr_adapter *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return -ENOMEM;
	a->pdev = pdev;
	pci_set_drvdata(pdev, a);
	if (dr_enable_msix(a) == 0)
		a->flags |= DR_USING_MSIX;
	return 0;
}

static void dr_remove(struct pci_dev *pdev)
{
	struct dr_adapter *a = pci_get_drvdata(pdev);

	if (a) {
		if (!(a->flags & DR_USING_MSIX))
			pci_disable_msix(a->pdev);
		kfree(a);
	}
}  // expect: msi/leak error

static struct pci_driver dr_driver = {
	.probe = dr_probe,
	.remove = dr_remove,
};
