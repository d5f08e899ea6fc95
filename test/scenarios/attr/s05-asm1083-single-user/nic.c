/*
 * S5: one MSI user alone behind an ASM1083 (BRIDGE_FLAG quirk): its final RID 0x0400 is its
 * own RID and no other function shares it.
 * expect: none
 */
#include <linux/pci.h>

static const struct pci_device_id nic_ids[] = {
	{ PCI_DEVICE(0x10ec, 0x8169) },
	{ }
};

static int nic_alloc_irq(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
}
