/* A guarded dynamic MSI-X vector freed under `if (map.virq)` on the probe error path and in
 * remove (§6 msi/dynamic-msix-unsupported: the guard on the allocation covers its free; 6.12
 * drivers/pci/msi/api.c:pci_msix_free_irq only WARNs for index < 0 or virq <= 0, which the test excludes).
 *
 * expect: none
 */
struct gv_priv { struct msi_map map; };

static int gv_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct gv_priv *p;
	int ret;

	p = devm_kzalloc(&pdev->dev, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	ret = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	if (pci_msix_can_alloc_dyn(pdev)) {
		p->map = pci_msix_alloc_irq_at(pdev, 4, NULL);
		if (p->map.index < 0) {
			ret = p->map.index;
			goto err;
		}
	}
	ret = gv_request(pdev);
	if (ret)
		goto err_map;
	pci_set_drvdata(pdev, p);
	return 0;
err_map:
	if (p->map.virq)
		pci_msix_free_irq(pdev, p->map);
err:
	pci_free_irq_vectors(pdev);
	return ret;
}

static void gv_remove(struct pci_dev *pdev)
{
	struct gv_priv *p = pci_get_drvdata(pdev);

	if (p->map.virq)
		pci_msix_free_irq(pdev, p->map);
	pci_free_irq_vectors(pdev);
}

static struct pci_driver gv_driver = {
	.probe = gv_probe,
	.remove = gv_remove,
};
