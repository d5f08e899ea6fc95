/*
 * Firmware msi-map sends RIDs 0x0100 and 0x0200 to ITS DeviceID 0 (S17): the first allocator
 * sizes the ITT for itself (32 events), so whichever asks second for 24 exact vectors fails.
 * expect: attr/shared-requester-id@15 error
 */
#include <linux/pci.h>

static const struct pci_device_id acc2_ids[] = {
	{ PCI_DEVICE(0x1d0f, 0x0062) },
	{ }
};

static int acc2_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pci_alloc_irq_vectors(pdev, 24, 24, PCI_IRQ_MSIX);
}
