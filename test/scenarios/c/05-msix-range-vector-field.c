/* pci_enable_msix_range with min < max, using the .vector fields of the first n entries (§5 scenario 5).
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int vr_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msix_entry e[8];
	int i, n;

	for (i = 0; i < 8; i++)
		e[i].entry = i;
	n = pci_enable_msix_range(pdev, e, 2, 8);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		request_irq(e[i].vector, h, 0, "x", pdev);
	return 0;
}

static void vr_remove(struct pci_dev *pdev)
{
	pci_disable_msix(pdev);
}

static struct pci_driver vr_driver = {
	.probe = vr_probe,
	.remove = vr_remove,
};
