/* As 131, but the NIC keeps n/2 of the vectors and asks for exactly one: the share is 0,
 * bn_msix_enabled() reads false and neither the error path nor remove disables MSI-X.
 */
struct bn_adapter { struct pci_dev *pdev; struct msix_entry entries[64]; u16 num_msix_vec; u32 num_roce_vec; int roce; };

#define bn_msix_enabled(a) ((a)->num_msix_vec > 0)

static void bn_msix_disable(struct bn_adapter *a)
{
	if (bn_msix_enabled(a)) {
		pci_disable_msix(a->pdev);
		a->num_msix_vec = 0;
		a->num_roce_vec = 0;
	}
}

static int bn_msix_enable(struct bn_adapter *a)
{
	int num_vec = 1;

	num_vec = pci_enable_msix_range(a->pdev, a->entries, 1, num_vec);
	if (num_vec < 0)
		return 0;
	a->num_msix_vec = num_vec / 2;
	return 0;
}

static int bn_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct bn_adapter *a = kzalloc(sizeof(*a), GFP_KERNEL);
	int status;

	if (!a)
		return -ENOMEM;
	a->pdev = pdev;
	pci_set_drvdata(pdev, a);
	status = bn_msix_enable(a);
	if (status)
		goto free;
	status = bn_register(a);
	if (status)
		goto clear;  // expect: msi/leak error
	return 0;
clear:
	bn_msix_disable(a);
free:
	kfree(a);
	return status;
}

static void bn_remove(struct pci_dev *pdev)
{
	struct bn_adapter *a = pci_get_drvdata(pdev);

	bn_msix_disable(a);
	kfree(a);
}  // expect: msi/leak error

static struct pci_driver bn_driver = {
	.probe = bn_probe,
	.remove = bn_remove,
};
