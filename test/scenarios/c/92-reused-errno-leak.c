/* The standard unmanaged probe: `ret` is reused after a checked pci_enable_device(), and the
 * request_irq() failure path skips the free.
 *
 */
struct re_priv { int irq; };

static int re_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct re_priv *p = pci_get_drvdata(pdev);
	int ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		goto err_disable;
	p->irq = pci_irq_vector(pdev, 0);
	ret = request_irq(p->irq, re_handler, 0, "re", p);
	if (ret)
		goto err_disable;  // expect: msi/leak error
	return 0;

err_free_vectors:
	pci_free_irq_vectors(pdev);
err_disable:
	pci_disable_device(pdev);
	return ret;
}

static void re_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
	pci_disable_device(pdev);
}

static struct pci_driver re_driver = {
	.probe = re_probe,
	.remove = re_remove,
};
