/* amdgpu_irq_init()'s shape after its fix (6.12): the failures after the allocation go to a label
 * that frees the vectors when MSI was chosen; when it was not, the flags asked for INTx only,
 * which allocates no MSI vector, so the flag that skips the free is right. Silent, speculative
 * findings included.
 *
 * expect: none
 */
struct ad { struct pci_dev *pdev; int msi_enabled; int installed; int irq; };

int ad_irq_init(struct ad *ad)
{
	unsigned int flags;
	int r;

	ad->msi_enabled = 0;
	if (!ad_msi_ok(ad))
		flags = PCI_IRQ_INTX;
	else
		flags = PCI_IRQ_ALL_TYPES;
	r = pci_alloc_irq_vectors(ad->pdev, 1, 1, flags);
	if (r < 0)
		return r;
	if (ad_msi_ok(ad))
		ad->msi_enabled = 1;

	r = pci_irq_vector(ad->pdev, 0);
	if (r < 0)
		goto free_vectors;
	ad->irq = r;
	r = request_irq(ad->irq, ad_isr, IRQF_SHARED, "ad", ad);
	if (r)
		goto free_vectors;
	ad->installed = 1;
	return 0;

free_vectors:
	if (ad->msi_enabled)
		pci_free_irq_vectors(ad->pdev);
	ad->msi_enabled = 0;
	return r;
}

void ad_irq_fini(struct ad *ad)
{
	if (ad->installed) {
		free_irq(ad->irq, ad);
		ad->installed = 0;
		if (ad->msi_enabled)
			pci_free_irq_vectors(ad->pdev);
	}
}
