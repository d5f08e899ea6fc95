/* The success test is written `if (!ret)`: only the success branch uses the vectors.
 *
 * expect: none
 */
static int h(int irq, void *d) { return 0; }

static int sbc_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct msix_entry e[2] = { { .entry = 0 }, { .entry = 1 } };
	int ret;

	ret = pci_enable_msix_exact(pdev, e, 2);
	if (!ret) {
		request_irq(pci_irq_vector(pdev, 1), h, 0, "sbc", pdev);
		return 0;
	}
	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
	return 0;
}

static void sbc_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver sbc_driver = {
	.probe = sbc_probe,
	.remove = sbc_remove,
};
