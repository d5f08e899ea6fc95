/*
 * S6: two MSI users behind one ASM1083 share requester ID 0x0400 (platform unknown).
 * expect: attr/shared-requester-id@16 warning
 */
#include <linux/pci.h>

static const struct pci_device_id nic_ids[] = {
	{ PCI_DEVICE(0x10ec, 0x8169) },
	{ }
};

static int nic_alloc_irq(struct pci_dev *pdev)
{
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_INTX);
	return ret;
}
