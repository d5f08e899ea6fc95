/* As 148, but the flag is set by another question (`msix_only()`): on the path where MSI was
 * granted and the flag stayed clear, the error label frees nothing (the model cannot tie the two
 * answers, so it says so at info).
 */
struct ad { struct pci_dev *pdev; int msi_enabled; int irq; };

static int ad_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ad *ad = devm_kzalloc(&pdev->dev, sizeof(*ad), GFP_KERNEL);
	unsigned int flags;
	int r;

	if (!ad)
		return -ENOMEM;
	r = pci_enable_device(pdev);
	if (r)
		return r;
	ad->pdev = pdev;
	if (!ad_msi_ok(ad))
		flags = PCI_IRQ_INTX;
	else
		flags = PCI_IRQ_ALL_TYPES;
	r = pci_alloc_irq_vectors(pdev, 1, 1, flags);
	if (r < 0)
		goto err_disable;
	if (ad_msix_only(ad))
		ad->msi_enabled = 1;
	r = request_irq(pci_irq_vector(pdev, 0), ad_isr, IRQF_SHARED, "ad", ad);
	if (r)
		goto free_vectors;  // expect: msi/leak info speculative
	pci_set_drvdata(pdev, ad);
	return 0;

free_vectors:
	if (ad->msi_enabled)
		pci_free_irq_vectors(pdev);
err_disable:
	pci_disable_device(pdev);
	return r;
}

static void ad_remove(struct pci_dev *pdev)
{
	struct ad *ad = pci_get_drvdata(pdev);

	free_irq(pci_irq_vector(pdev, 0), ad);
	if (ad->msi_enabled)
		pci_free_irq_vectors(pdev);
	pci_disable_device(pdev);
}  // expect: msi/leak info speculative

static struct pci_driver ad_driver = {
	.probe = ad_probe,
	.remove = ad_remove,
};
