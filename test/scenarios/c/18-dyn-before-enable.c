/* Dynamic MSI-X allocation before MSI-X is enabled: -ENOTSUPP (§5 scenario 21).
 *
 */
static int dbe_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msi_map m;

	m = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);  // expect: msi/dynamic-msix-unsupported error
	if (m.index < 0)
		return m.index;
	return 0;
}

static struct pci_driver dbe_driver = {
	.probe = dbe_probe,
};
