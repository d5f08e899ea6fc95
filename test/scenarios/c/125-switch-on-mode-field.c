/* The driver records the interrupt mode in a field of its private area, fetched through a getter
 * named like `*_priv()` (ath10k_pci_priv(), a header inline the scan does not read), and remove's
 * helper switches on it: the MSI case is the only one whose path still holds MSI. Silent.
 *
 * expect: none
 */
#define AK_IRQ_INTX 1
#define AK_IRQ_MSI 2
struct ak_pci { struct pci_dev *pdev; int oper_irq_mode; };

static int ak_init_irq(struct ak *ar)
{
	struct ak_pci *ar_pci = ak_pci_priv(ar);
	int ret;

	ar_pci->oper_irq_mode = AK_IRQ_MSI;
	ret = pci_enable_msi(ar_pci->pdev);
	if (ret == 0)
		return 0;
	ar_pci->oper_irq_mode = AK_IRQ_INTX;
	return 0;
}

static void ak_deinit_irq(struct ak *ar)
{
	struct ak_pci *ar_pci = ak_pci_priv(ar);

	switch (ar_pci->oper_irq_mode) {
	case AK_IRQ_INTX:
		ak_intx_off(ar);
		break;
	default:
		pci_disable_msi(ar_pci->pdev);
		break;
	}
}

static int ak_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ak *ar;
	struct ak_pci *ar_pci;
	int ret;

	ret = pci_enable_device(pdev);
	if (ret)
		return ret;
	ar = ak_create(&pdev->dev);
	if (!ar)
		return -ENOMEM;
	ar_pci = ak_pci_priv(ar);
	ar_pci->pdev = pdev;
	pci_set_drvdata(pdev, ar);
	return ak_init_irq(ar);
}

static void ak_remove(struct pci_dev *pdev)
{
	struct ak *ar = pci_get_drvdata(pdev);

	ak_deinit_irq(ar);
	pci_disable_device(pdev);
}

static struct pci_driver ak_driver = {
	.probe = ak_probe,
	.remove = ak_remove,
};
