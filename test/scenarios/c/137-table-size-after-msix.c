/* idxd's shape: cleanup frees the vectors only when pci_msix_vec_count() > 0; a device with MSI-X
 * vectors allocated has the capability, so its table has at least one entry and the free runs.
 * Silent.
 *
 * expect: none
 */
struct ix { struct pci_dev *pdev; int irq_cnt; };

static int ix_setup_interrupts(struct ix *ix)
{
	struct pci_dev *pdev = ix->pdev;
	int msixcnt, rc;

	msixcnt = pci_msix_vec_count(pdev);
	if (msixcnt < 0)
		return -ENOSPC;
	rc = pci_alloc_irq_vectors(pdev, msixcnt, msixcnt, PCI_IRQ_MSIX);
	if (rc != msixcnt)
		return -ENOSPC;
	ix->irq_cnt = msixcnt;
	return 0;
}

static void ix_cleanup_interrupts(struct ix *ix)
{
	struct pci_dev *pdev = ix->pdev;
	int msixcnt;

	msixcnt = pci_msix_vec_count(pdev);
	if (msixcnt <= 0)
		return;
	pci_free_irq_vectors(pdev);
}

static int ix_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ix *ix = devm_kzalloc(&pdev->dev, sizeof(*ix), GFP_KERNEL);
	int rc;

	if (!ix)
		return -ENOMEM;
	ix->pdev = pdev;
	pci_set_drvdata(pdev, ix);
	rc = ix_setup_interrupts(ix);
	if (rc)
		return rc;
	rc = ix_register(ix);
	if (rc)
		goto err_register;
	return 0;

err_register:
	ix_cleanup_interrupts(ix);
	return rc;
}

static void ix_remove(struct pci_dev *pdev)
{
	struct ix *ix = pci_get_drvdata(pdev);

	ix_cleanup_interrupts(ix);
}

static struct pci_driver ix_driver = {
	.probe = ix_probe,
	.remove = ix_remove,
};
