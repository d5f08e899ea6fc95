/*
 * The FireWire function 0d:00.3, bound by --bind: same sharing, seen from its side.
 * bind: firewire=0d:00.3
 * expect: attr/shared-requester-id@10 warning
 */
#include <linux/pci.h>

static int fw_enable_msi(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
}
