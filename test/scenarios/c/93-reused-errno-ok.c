/* The same probe with the unwind right: the request_irq() failure frees the vectors.
 *
 * expect: none
 */
struct rk_priv { int irq; };

static int rk_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rk_priv *p = pci_get_drvdata(pdev);
	int ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		goto err_disable;
	p->irq = pci_irq_vector(pdev, 0);
	ret = request_irq(p->irq, rk_handler, 0, "rk", p);
	if (ret)
		goto err_free_vectors;
	return 0;

err_free_vectors:
	pci_free_irq_vectors(pdev);
err_disable:
	pci_disable_device(pdev);
	return ret;
}

static void rk_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
	pci_disable_device(pdev);
}

static struct pci_driver rk_driver = {
	.probe = rk_probe,
	.remove = rk_remove,
};
