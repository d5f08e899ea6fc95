/*
 * S6, the second function (04:01.0): the same shared requester ID, seen from its driver.
 * expect: attr/shared-requester-id@14 warning
 */
#include <linux/pci.h>

static const struct pci_device_id cap_ids[] = {
	{ PCI_DEVICE(0x1797, 0x6801) },
	{ }
};

static int cap_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
}
