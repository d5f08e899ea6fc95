/* efa's shape: the helper returns the object it allocated (NULL-tested ib_alloc_device()) or an
 * ERR_PTR, and it returns the ERR_PTR only after freeing the vectors; IS_ERR() of the object is
 * false, so the caller's error return has nothing allocated. Silent.
 *
 * expect: none
 */
struct ep_dev { struct ib_device ibdev; struct pci_dev *pdev; };

static struct ep_dev *ep_probe_device(struct pci_dev *pdev)
{
	struct ep_dev *dev;
	int err;

	dev = ib_alloc_device(ep_dev, ibdev);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->pdev = pdev;
	pci_set_drvdata(pdev, dev);
	err = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (err < 0)
		goto err_dealloc;
	err = ep_admin_init(dev);
	if (err)
		goto err_free_vectors;
	return dev;

err_free_vectors:
	pci_free_irq_vectors(pdev);
err_dealloc:
	ib_dealloc_device(&dev->ibdev);
	return ERR_PTR(err);
}

static int ep_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ep_dev *dev;

	dev = ep_probe_device(pdev);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	return 0;
}

static void ep_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ep_driver = {
	.probe = ep_probe,
	.remove = ep_remove,
};
