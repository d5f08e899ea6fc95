/* The flag is set with set_bit() once the allocation stuck and the free runs under
 * test_and_clear_bit() (ena_enable_msix / ena_disable_msix's shape): the test reads the flag as it
 * was, so the path that allocated frees. Silent.
 *
 * expect: none
 */
#define TC_MSIX_ENABLED 3
struct tc_adapter { struct pci_dev *pdev; unsigned long flags; };

static void tc_disable_msix(struct tc_adapter *adapter)
{
	if (test_and_clear_bit(TC_MSIX_ENABLED, &adapter->flags))
		pci_free_irq_vectors(adapter->pdev);
}

static int tc_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct tc_adapter *adapter;
	int n, err;

	err = pci_enable_device(pdev);
	if (err)
		return err;
	adapter = kzalloc(sizeof(*adapter), GFP_KERNEL);
	if (!adapter)
		return -ENOMEM;
	adapter->pdev = pdev;
	n = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	set_bit(TC_MSIX_ENABLED, &adapter->flags);
	err = tc_start(pdev);
	if (err)
		goto free_msix;
	return 0;
free_msix:
	tc_disable_msix(adapter);
	pci_disable_device(pdev);
	return err;
}

static struct pci_driver tc_driver = {
	.probe = tc_probe,
};
