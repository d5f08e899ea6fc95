/* Lookup loops after set-up the model cannot see: a call through an ops pointer, and a driver
 * helper it cannot follow on one branch only. Either may have enabled MSI-X, so the probe's
 * device state is unknown and msi/vector-unallocated stays silent.
 *
 * expect: none
 */
struct hs_ops { int (*setup_irqs)(struct pci_dev *pdev); };
struct hs_priv { const struct hs_ops *ops; bool msix; };

static int hs_handler(int irq, void *data) { return 0; }

static int hs_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct hs_priv *p = (struct hs_priv *)id->driver_data;
	int i, ret;

	ret = p->ops->setup_irqs(pdev);
	if (ret)
		return ret;
	for (i = 0; i < 4; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), hs_handler, 0, "hs", pdev);
		if (ret)
			return ret;
	}
	return 0;
}

static int hb_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct hs_priv *p = (struct hs_priv *)id->driver_data;
	int i, ret;

	if (p->msix)
		hb_enable_msix_elsewhere(pdev);
	for (i = 0; i < 4; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), hs_handler, 0, "hb", pdev);
		if (ret)
			return ret;
	}
	return 0;
}

static struct pci_driver hs_driver = {
	.probe = hs_probe,
};

static struct pci_driver hb_driver = {
	.probe = hb_probe,
};
