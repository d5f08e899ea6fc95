/* niu's shape: one init serves a PCI probe and a device-tree probe; the device-tree probe hands
 * it pdev = NULL, and the MSI-X set-up under a platform test the model cannot read would pass
 * that NULL to pci_enable_msix_range(), which the kernel dereferences at once. No working driver
 * takes that path, so the OF probe's error return and its remove leak nothing. Silent.
 *
 * expect: none
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

static int nn_of_probe(struct platform_device *op)
{
	struct nn *np = kzalloc(sizeof(*np), GFP_KERNEL);
	int err;

	if (!np)
		return -ENOMEM;
	np->plat = nn_plat_of(op);
	platform_set_drvdata(op, np);
	err = nn_init(np, NULL);
	if (err)
		goto out;
	err = nn_register(np);
	if (err)
		goto out;
	return 0;
out:
	kfree(np);
	return err;
}

static void nn_of_remove(struct platform_device *op)
{
	struct nn *np = platform_get_drvdata(op);

	nn_unregister(np);
	kfree(np);
}

static struct platform_driver nn_of_driver = {
	.probe = nn_of_probe,
	.remove = nn_of_remove,
};
