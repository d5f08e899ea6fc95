/* The granted count kept in the driver data and tested by the free helper, each helper fetching the
 * object again with pci_get_drvdata() (mana_gd_setup_irqs / mana_gd_remove_irqs' shape): the helper
 * frees whenever the allocation stuck, on probe's error path and in remove. Silent.
 *
 * expect: none
 */
struct dd_ctx { int nvec; };

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

	if (gc->nvec < 1)
		return;
	pci_free_irq_vectors(pdev);
	gc->nvec = 0;
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
	err = dd_start(gc);
	if (err)
		goto remove_irqs;
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
}

static struct pci_driver dd_driver = {
	.probe = dd_probe,
	.remove = dd_remove,
};
