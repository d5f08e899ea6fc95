/* As 144, but the driver gives up when it got min_irqs or fewer: exactly min_irqs is a grant the
 * kernel can make, and that return leaves the vectors allocated.
 */
struct al { struct pci_dev *pdev; int nvec; int min_irqs; int vecs; };

static int al_set_intr_mode(struct al *al)
{
	int min_irqs = al->min_irqs;
	int vec_count;

	vec_count = pci_alloc_irq_vectors(al->pdev, min_irqs, al->vecs, PCI_IRQ_MSIX);
	if (vec_count > 0) {
		if (vec_count <= min_irqs)
			return 1;
		al->nvec = vec_count;
		return 0;
	}
	return -ENOSPC;
}

static int al_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct al *al = devm_kzalloc(&pdev->dev, sizeof(*al), GFP_KERNEL);
	int err;

	if (!al)
		return -ENOMEM;
	al->pdev = pdev;
	pci_set_drvdata(pdev, al);
	al->min_irqs = al_hw_min_irqs(al);
	al->vecs = al_hw_vecs(al);
	err = al_set_intr_mode(al);
	if (err)
		return -EINVAL;  // expect: msi/leak error
	return 0;
}

static void al_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver al_driver = {
	.probe = al_probe,
	.remove = al_remove,
};
