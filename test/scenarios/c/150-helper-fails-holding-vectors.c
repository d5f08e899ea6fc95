/* amdgpu_irq_init()'s shape before its fix (6.1): an init helper that nothing in its directory
 * calls (an IP block's ops table does) allocates its vector, then returns the errors of later
 * steps without freeing it. Its caller learns only that it failed; the fini that would free the
 * vector tests `installed`, never set. Speculative (shown with --speculative): the model does not
 * see the caller, and read on Debian's trees most such callers free the vectors later.
 */
struct ad { struct pci_dev *pdev; int msi_enabled; int installed; int irq; };

int ad_irq_init(struct ad *ad)
{
	int r;
	int nvec;

	ad->msi_enabled = 0;
	nvec = pci_alloc_irq_vectors(ad->pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_MSIX);
	if (nvec > 0)
		ad->msi_enabled = 1;

	r = ad_vblank_init(ad);
	if (r)
		return r;  // expect: msi/leak info speculative

	r = pci_irq_vector(ad->pdev, 0);
	if (r < 0)
		return r;  // expect: msi/leak info speculative
	ad->irq = r;
	r = request_irq(ad->irq, ad_isr, IRQF_SHARED, "ad", ad);
	if (r)
		return r;  // expect: msi/leak info speculative
	ad->installed = 1;
	return 0;
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
