/* As 146, but the exit that gives up when no interrupt is routed sits after the calls and tests
 * the routing, not n_msi: where `n_msi == 3` held and the allocation succeeded, it returns with
 * three vectors allocated. The call behind `&&` still runs on that path.
 */
static int n_msi = 3;
module_param(n_msi, int, 0444);

struct wl { struct pci_dev *pdev; int n_msi; int routed; };

static int wl_enable(struct wl *wl)
{
	struct pci_dev *pdev = wl->pdev;
	int rc;

	if (n_msi == 3 &&
	    pci_alloc_irq_vectors(pdev, n_msi, n_msi, PCI_IRQ_MSIX) < n_msi)
		n_msi = 1;
	wl->n_msi = n_msi;
	if (!wl_irq_routed(wl)) {
		rc = -ENODEV;
		goto stop_master;  // expect: msi/leak error
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
