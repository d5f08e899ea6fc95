/* A helper returns 0 only when its MSI-X enable stuck: the MSI fallback runs only after it
 * failed, so the two modes never meet.
 *
 * expect: none
 */
struct hs_board { struct pci_dev *pdev; struct msix_entry ent[2]; };

static int hs_enable_msix(struct hs_board *bd)
{
	int err = pci_enable_msix_exact(bd->pdev, bd->ent, 2);

	if (err)
		return err;
	return 0;
}

static int hs_setup_irq(struct hs_board *bd, struct pci_dev *pdev)
{
	if (hs_enable_msix(bd) == 0)
		return 0;
	return pci_enable_msi(pdev);
}

static int hs_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct hs_board *bd = pci_get_drvdata(pdev);

	bd->pdev = pdev;
	return hs_setup_irq(bd, pdev);
}

static struct pci_driver hs_driver = {
	.probe = hs_probe,
};
