/* As 113, but the free helper tests a field nothing sets (`gc->msix_on` stays 0 from kzalloc), so it
 * never frees: MSI-X stays on when dd_start() fails (it is not handed gc, so gc stays as kzalloc left
 * it), and after remove.
 *
 */
struct dd_ctx { int nvec; int msix_on; };

static int dd_setup_irqs(struct pci_dev *pdev)
{
	struct dd_ctx *gc = pci_get_drvdata(pdev);
	int nvec;

	nvec = pci_alloc_irq_vectors(pdev, 2, 8, PCI_IRQ_MSIX);
	if (nvec < 0)
		return nvec;
	gc->nvec = nvec;
	return 0;
}

static void dd_remove_irqs(struct pci_dev *pdev)
{
	struct dd_ctx *gc = pci_get_drvdata(pdev);

	if (!gc->msix_on)
		return;
	pci_free_irq_vectors(pdev);
}

static int dd_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct dd_ctx *gc;
	int err;

	err = pci_enable_device(pdev);
	if (err)
		return err;
	gc = kzalloc(sizeof(*gc), GFP_KERNEL);
	if (!gc)
		return -ENOMEM;
	pci_set_drvdata(pdev, gc);
	err = dd_setup_irqs(pdev);
	if (err)
		goto disable;
	err = dd_start(pdev);
	if (err)
		goto remove_irqs;  // expect: msi/leak error
	return 0;
remove_irqs:
	dd_remove_irqs(pdev);
disable:
	pci_disable_device(pdev);
	return err;
}

static void dd_remove(struct pci_dev *pdev)
{
	dd_remove_irqs(pdev);
	pci_disable_device(pdev);
}  // expect: msi/leak error

static struct pci_driver dd_driver = {
	.probe = dd_probe,
	.remove = dd_remove,
};
