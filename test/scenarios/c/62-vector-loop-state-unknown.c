/* The same lookup loops where the device's MSI state is not known: a function no probe reaches
 * (earlier state unknown), and a probe that first calls a driver helper the model cannot follow
 * (it may have allocated the vectors). Both stay silent (§6 msi/vector-unallocated).
 *
 * expect: none
 */
static int vu_handler(int irq, void *data) { return 0; }

static int vu_open(struct pci_dev *pdev, int n)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), vu_handler, 0, "vu", pdev);
		if (ret)
			return ret;
	}
	return 0;
}

static int vu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int i, ret;

	ret = vu_hw_init_interrupts(pdev);
	if (ret)
		return ret;
	for (i = 0; i < 4; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), vu_handler, 0, "vu", pdev);
		if (ret)
			return ret;
	}
	return 0;
}

static struct pci_driver vu_driver = {
	.probe = vu_probe,
};
