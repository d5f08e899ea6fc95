/* As 127 with the test inverted: MSI is disabled only when it is not enabled, so the path that
 * enabled it leaves it enabled after remove.
 */
static int nd_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int rc;

	rc = pci_enable_device(pdev);
	if (rc)
		return rc;
	rc = pci_enable_msi(pdev);
	if (rc)
		pci_intx(pdev, 1);
	return 0;
}

static void nd_remove(struct pci_dev *pdev)
{
	if (!pci_dev_msi_enabled(pdev))
		pci_disable_msi(pdev);
	else
		pci_intx(pdev, 0);
	pci_disable_device(pdev);
}  // expect: msi/leak error

static struct pci_driver nd_driver = {
	.probe = nd_probe,
	.remove = nd_remove,
};
