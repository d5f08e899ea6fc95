/* A local named like the requested count in another function is another variable: sync_irqs loops
 * to its own max_vectors, read from a field the driver keeps (mpi3mr_sync_irqs' shape), not to the
 * count setup requested. Silent.
 *
 * expect: none
 */
struct sn_priv { struct pci_dev *pdev; u16 count; };

static void sn_sync_irqs(struct sn_priv *p)
{
	u16 i, max_vectors;

	max_vectors = p->count;
	for (i = 0; i < max_vectors; i++)
		synchronize_irq(pci_irq_vector(p->pdev, i));
}

static int sn_setup(struct sn_priv *p)
{
	int max_vectors = 8, ret;

	ret = pci_alloc_irq_vectors(p->pdev, 1, max_vectors, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	if (sn_start(p)) {
		sn_sync_irqs(p);
		return -EIO;
	}
	return 0;
}

static int sn_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sn_priv *p = pci_get_drvdata(pdev);

	if (pcim_enable_device(pdev))
		return -ENODEV;
	p->pdev = pdev;
	return sn_setup(p);
}

static struct pci_driver sn_driver = {
	.probe = sn_probe,
};
