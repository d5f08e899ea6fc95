/* As 135, but the PCI probe: nn_init() gets the real device, enables MSI-X, and neither the
 * error path after nn_register() nor remove disables it.
 */
#define NN_PLAT_PCI 1
#define NN_PLAT_OF 2

struct nn { struct pci_dev *pdev; int plat; int nvec; };

static void nn_try_msix(struct nn *np)
{
	struct pci_dev *pdev = np->pdev;
	int n;

	n = pci_enable_msix_range(pdev, np->entries, 1, 8);
	if (n < 0)
		return;
	np->nvec = n;
}

static int nn_init(struct nn *np, struct pci_dev *pdev)
{
	np->pdev = pdev;
	if (np->plat == NN_PLAT_OF)
		return nn_of_irqs(np);
	nn_try_msix(np);
	return 0;
}

static int nn_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nn *np = kzalloc(sizeof(*np), GFP_KERNEL);
	int err;

	if (!np)
		return -ENOMEM;
	np->plat = NN_PLAT_PCI;
	pci_set_drvdata(pdev, np);
	err = nn_init(np, pdev);
	if (err)
		goto out;
	err = nn_register(np);
	if (err < 0)
		goto out;
	return 0;
out:
	kfree(np);
	return err;  // expect: msi/leak error
}

static void nn_pci_remove(struct pci_dev *pdev)
{
	struct nn *np = pci_get_drvdata(pdev);

	kfree(np);
}  // expect: msi/leak error

static struct pci_driver nn_pci_driver = {
	.probe = nn_pci_probe,
	.remove = nn_pci_remove,
};
