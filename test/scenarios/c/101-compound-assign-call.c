/* `want += min_t(...)` adds a run-time count: min_vecs 3 <= max_vecs is not known to fail.
 *
 * expect: none
 */
#define CA_FIXED 2

static int ca_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	unsigned int want = CA_FIXED;
	int n;

	want += min_t(unsigned int, num_online_cpus(), 64);
	n = pci_alloc_irq_vectors(pdev, CA_FIXED + 1, want, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;
}

static void ca_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver ca_driver = {
	.probe = ca_probe,
	.remove = ca_remove,
};
