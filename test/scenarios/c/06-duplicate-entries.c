/* Duplicate msix_entry values: the PCI front-end rejects them with -EINVAL (§5 scenario 8).
 *
 */
static int dup_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msix_entry e[3] = { { .entry = 0 }, { .entry = 5 }, { .entry = 5 } };
	int ret;

	ret = pci_enable_msix_exact(pdev, e, 3);  // expect: msi/index-conflict error
	if (ret)
		return ret;
	return 0;
}

static void dup_remove(struct pci_dev *pdev)
{
	pci_disable_msix(pdev);
}

static struct pci_driver dup_driver = {
	.probe = dup_probe,
	.remove = dup_remove,
};
