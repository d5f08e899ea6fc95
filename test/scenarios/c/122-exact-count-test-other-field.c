/* As 121, but the test reads another field (`cfg->max_vectors`) than the one requested: a successful
 * allocation of total_vectors that differs from max_vectors takes the fallback, whose second
 * pci_alloc_irq_vectors() finds MSI enabled and returns -EINVAL.
 *
 */
struct ak_cfg { int total_vectors; int max_vectors; };
struct ak_pci { struct pci_dev *pdev; const struct ak_cfg *cfg; unsigned int irq_flags; };

static int ak_msi_alloc(struct ak_pci *ap)
{
	const struct ak_cfg *cfg = ap->cfg;
	int num_vectors;

	num_vectors = pci_alloc_irq_vectors(ap->pdev, cfg->total_vectors, cfg->total_vectors, PCI_IRQ_MSI);
	if (num_vectors == cfg->max_vectors) {
		ap->irq_flags = 1;
	} else {
		num_vectors = pci_alloc_irq_vectors(ap->pdev, 1, 1, PCI_IRQ_MSI);  // expect: msi/index-conflict error
		if (num_vectors < 0)
			return -EINVAL;
		ap->irq_flags = 2;
	}
	return 0;
}

static int ak_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ak_pci *ap;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ap = devm_kzalloc(&pdev->dev, sizeof(*ap), GFP_KERNEL);
	if (!ap)
		return -ENOMEM;
	ap->pdev = pdev;
	return ak_msi_alloc(ap);
}

static struct pci_driver ak_driver = {
	.probe = ak_probe,
};
