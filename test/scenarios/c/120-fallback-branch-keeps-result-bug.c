/* As 119, but the mode helper forgets pci_disable_msi() when request_irq() fails: that failure
 * reaches the probe's error label with MSI enabled on an unmanaged device.
 *
 */
struct rt_pci { struct pci_dev *pdev; int msi_support; int using_msi; };
struct rt_priv { struct rt_pci dev; };
#define rt_pcidev(p) (&((p)->dev))

static int rt_mode_msi(struct rt_priv *pp)
{
	struct rt_pci *rtlpci = rt_pcidev(pp);
	int ret;

	ret = pci_enable_msi(rtlpci->pdev);
	if (ret < 0)
		return ret;
	ret = request_irq(rtlpci->pdev->irq, rt_isr, IRQF_SHARED, "rt", pp);
	if (ret < 0)
		return ret;
	rtlpci->using_msi = 1;
	return 0;
}

static int rt_mode_decide(struct rt_priv *pp)
{
	struct rt_pci *rtlpci = rt_pcidev(pp);
	int ret;

	ret = rt_mode_msi(pp);
	if (ret < 0)
		ret = -5;
	return ret;
}

static int rt_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct rt_priv *pp;
	int err;

	err = pci_enable_device(pdev);
	if (err)
		return err;
	pp = kzalloc(sizeof(*pp), GFP_KERNEL);
	pp->dev.pdev = pdev;
	err = rt_mode_decide(pp);
	if (err)
		goto fail6;  // expect: msi/leak error
	return 0;
fail6:
	kfree(pp);
	pci_disable_device(pdev);
	return err;
}
static struct pci_driver rt_driver = { .probe = rt_probe };
