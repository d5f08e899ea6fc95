/* Reduction of a 6.12 media driver: MSI stays on when request_irq() fails, because that unwind
 * only tears down the driver's own state (`ret` was reused from the MSI enable).
 *
 */
struct sm_dev { struct pci_dev *pci_dev; int ir; };

static int sm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sm_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	int ret = 0;

	if (!dev)
		return -ENOMEM;
	dev->pci_dev = pdev;
	ret = pci_enable_msi(dev->pci_dev);
	if (ret)
		dev_info(&pdev->dev, "MSI not available\n");
	ret = request_irq(dev->pci_dev->irq, sm_irq, IRQF_SHARED, "sm", dev);
	if (ret < 0)
		goto err_kfree;  // expect: msi/leak error
	return 0;
err_kfree:
	kfree(dev);
	return ret;
}

static void sm_remove(struct pci_dev *pdev)
{
	pci_disable_msi(pdev);
}

static struct pci_driver sm_driver = {
	.probe = sm_probe,
	.remove = sm_remove,
};
