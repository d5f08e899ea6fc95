/* Vectors looked up in a loop on a probe path that allocated none: 6.12
 * drivers/pci/msi/api.c:pci_irq_vector returns -EINVAL for every nr != 0 when neither MSI nor
 * MSI-X is enabled (nr 0 is dev->irq). The probe's own device starts with nothing enabled and
 * every call on the path is followed or a plain kernel helper, so the state is known: a
 * constant bound of 4 always reaches nr 1 (error); a run-time bound does when it exceeds 1 (warning).
 *
 */
static int vl_handler(int irq, void *data) { return 0; }

static int vl_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int i, n, ret;

	for (i = 0; i < 4; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), vl_handler, 0, "vl", pdev);  // expect: msi/vector-unallocated error
		if (ret)
			return ret;
	}
	n = id->driver_data;
	for (i = 0; i < n; i++) {
		ret = request_irq(pci_irq_vector(pdev, i), vl_handler, 0, "vl", pdev);  // expect: msi/vector-unallocated warning
		if (ret)
			return ret;
	}
	return 0;
}

static struct pci_driver vl_driver = {
	.probe = vl_probe,
};
