/* The unwinding frees MSI under a flag only the MSI test's interrupt handler sets (sky2's
 * SKY2_HW_USE_MSI): the walk cannot see the handler run, so the leak on that path rests on a branch
 * it cannot read. Speculative: shown only on request.
 *
 */
#define SK_USE_MSI 1
struct sk_hw { unsigned int flags; };

static irqreturn_t sk_test_intr(int irq, void *dev_id)
{
	struct sk_hw *hw = dev_id;

	hw->flags |= SK_USE_MSI;
	return IRQ_HANDLED;
}

static int sk_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct sk_hw *hw;
	int err;

	err = pci_enable_device(pdev);
	if (err)
		return err;
	hw = kzalloc(sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return -ENOMEM;
	if (pci_enable_msi(pdev) == 0) {
		err = sk_test_msi(hw, pdev->irq);
		if (err) {
			pci_disable_msi(pdev);
			goto free_hw;
		}
	}
	err = sk_register(pdev);
	if (err)
		goto unwind;  // expect: msi/leak info speculative
	return 0;
unwind:
	if (hw->flags & SK_USE_MSI)
		pci_disable_msi(pdev);
free_hw:
	kfree(hw);
	pci_disable_device(pdev);
	return err;
}

static struct pci_driver sk_driver = {
	.probe = sk_probe,
};
