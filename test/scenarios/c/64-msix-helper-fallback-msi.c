/* The shape of 6.12 drivers/net/ethernet/atheros/alx/main.c:__alx_open: a helper tries an
 * exact MSI-X allocation and returns its result; only when that failed (`err < 0`) does the
 * caller fall back to pci_alloc_irq_vectors(…, PCI_IRQ_MSI | PCI_IRQ_INTX). MSI-X is not
 * enabled on that path, so the MSI enable is no msi/msi-msix-exclusive; nor on the path where the
 * MSI-X request fails and the helper frees the vectors before retrying with MSI (alx_request_irq).
 *
 * expect: none
 */
struct ax_priv { struct pci_dev *pdev; int num_vec; };

static int ax_enable_msix(struct ax_priv *ax)
{
	int err, num_vec;

	num_vec = num_online_cpus() + 1;
	err = pci_alloc_irq_vectors(ax->pdev, num_vec, num_vec, PCI_IRQ_MSIX);
	if (err < 0) {
		dev_warn(&ax->pdev->dev, "no MSI-X\n");
		return err;
	}
	ax->num_vec = num_vec;
	return err;
}

static int ax_init_intr(struct ax_priv *ax)
{
	int ret;

	ret = pci_alloc_irq_vectors(ax->pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
	if (ret < 0)
		return ret;
	ax->num_vec = 1;
	return 0;
}

static int ax_realloc(struct ax_priv *ax)
{
	pci_free_irq_vectors(ax->pdev);
	return ax_init_intr(ax);
}

static int ax_request_irq(struct ax_priv *ax)
{
	int err;

	if (ax->pdev->msix_enabled) {
		err = ax_request_msix(ax);
		if (!err)
			return 0;
		err = ax_realloc(ax);
		if (err)
			return err;
	}
	if (ax->pdev->msi_enabled) {
		err = request_irq(pci_irq_vector(ax->pdev, 0), ax_intr, 0, "ax", ax);
		if (!err)
			return 0;
		pci_free_irq_vectors(ax->pdev);
	}
	return request_irq(pci_irq_vector(ax->pdev, 0), ax_intr, IRQF_SHARED, "ax", ax);
}

static int ax_open(struct ax_priv *ax)
{
	int err;

	err = ax_enable_msix(ax);
	if (err < 0) {
		err = ax_init_intr(ax);
		if (err)
			return err;
	}
	return ax_request_irq(ax);
}

static void ax_close(struct ax_priv *ax)
{
	pci_free_irq_vectors(ax->pdev);
}
