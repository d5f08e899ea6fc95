/*
 * The topology gives the real MSI-X table size (4, as the RTL8111 in the H310 dump): asking
 * for at least 8 vectors fails with -ENOSPC on this machine. The 1..4 request is fine.
 * expect: msi/msix-table-overflow@20 error
 */
#include <linux/pci.h>

static const struct pci_device_id eth_ids[] = {
	{ PCI_DEVICE(0x10ec, 0x8168) },
	{ }
};

static int eth_small(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
}

static int eth_big(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
}
