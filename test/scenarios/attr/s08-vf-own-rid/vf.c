/*
 * S8: a VF driver allocates MSI-X on the VF's own pci_dev: its own RID (01:10.0 = 0x0180 and
 * 01:10.2), no aliasing, nothing shared even on AMD.
 * expect: none
 */
#include <linux/pci.h>

static const struct pci_device_id vf_ids[] = {
	{ PCI_DEVICE(0x8086, 0x10ed) },
	{ }
};

static int vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pci_alloc_irq_vectors(pdev, 1, 3, PCI_IRQ_MSIX);
}
