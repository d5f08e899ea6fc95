/* wil6210's shape: the vector calls sit behind `n_msi == 3 &&` and `n_msi == 1 &&`, so each runs
 * only where its test holds. Asking for exactly n_msi vectors either grants them all or fails,
 * so `< n_msi` is a failure and n_msi only drops to 0 when both calls failed (MSI-X here, where wil6210 asks for multi-MSI): the early exit
 * after `n_msi == 0` has nothing to free. Silent.
 *
 * expect: none
 */
static int n_msi = 3;
module_param(n_msi, int, 0444);

struct wl { struct pci_dev *pdev; int n_msi; };

static int wl_enable(struct wl *wl)
{
	struct pci_dev *pdev = wl->pdev;
	int rc;

	if (n_msi == 3 &&
	    pci_alloc_irq_vectors(pdev, n_msi, n_msi, PCI_IRQ_MSIX) < n_msi)
		n_msi = 1;
	if (n_msi == 1 && pci_enable_msi(pdev))
		n_msi = 0;
	wl->n_msi = n_msi;
	if (wl->n_msi == 0) {
		rc = -ENODEV;
		goto stop_master;
	}
	rc = request_irq(pdev->irq, wl_isr, 0, "wl", wl);
	if (rc)
		goto release_vectors;
	return 0;
release_vectors:
	pci_free_irq_vectors(pdev);
stop_master:
	pci_clear_master(pdev);
	return rc;
}

static int wl_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct wl *wl = devm_kzalloc(&pdev->dev, sizeof(*wl), GFP_KERNEL);

	if (!wl)
		return -ENOMEM;
	wl->pdev = pdev;
	pci_set_drvdata(pdev, wl);
	return wl_enable(wl);
}

static void wl_remove(struct pci_dev *pdev)
{
	struct wl *wl = pci_get_drvdata(pdev);

	free_irq(pdev->irq, wl);
	pci_free_irq_vectors(pdev);
}

static struct pci_driver wl_driver = {
	.probe = wl_probe,
	.remove = wl_remove,
};
