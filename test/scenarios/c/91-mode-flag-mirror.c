/* A mode flag set only on the success branch of each enable mirrors the enabled mode: the
 * teardown disables exactly what is on.
 *
 * expect: none
 */
#define MF_USING_MSIX 1
#define MF_USING_MSI 2
struct mf_adapter { unsigned int flags; struct msix_entry ent[4]; };

static void mf_free_irq(struct pci_dev *pdev, struct mf_adapter *ad)
{
	if (ad->flags & MF_USING_MSIX)
		pci_disable_msix(pdev);
	else if (ad->flags & MF_USING_MSI)
		pci_disable_msi(pdev);
}

static int mf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mf_adapter *ad = devm_kzalloc(&pdev->dev, sizeof(*ad), GFP_KERNEL);

	if (!ad)
		return -ENOMEM;
	if (pci_enable_msix_range(pdev, ad->ent, 1, 4) > 0)
		ad->flags |= MF_USING_MSIX;
	else if (!pci_enable_msi(pdev))
		ad->flags |= MF_USING_MSI;
	if (mf_setup(ad)) {
		mf_free_irq(pdev, ad);
		return -EIO;
	}
	pci_set_drvdata(pdev, ad);
	return 0;
}

static void mf_remove(struct pci_dev *pdev)
{
	struct mf_adapter *ad = pci_get_drvdata(pdev);

	mf_free_irq(pdev, ad);
}

static struct pci_driver mf_driver = {
	.probe = mf_probe,
	.remove = mf_remove,
};
