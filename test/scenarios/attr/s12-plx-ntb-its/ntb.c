/*
 * S12: PLX NTB (ALL256 proxy aliases) on an ITS system: the peer's writes carry proxy RIDs the
 * ITS ignores (same bus), so the DeviceID stays the NTB's own: warning.
 * expect: attr/shared-requester-id@15 warning
 */
#include <linux/pci.h>

static const struct pci_device_id plx_ids[] = {
	{ PCI_DEVICE(0x10b5, 0x87b0) },
	{ }
};

static int plx_init_isr(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
}
