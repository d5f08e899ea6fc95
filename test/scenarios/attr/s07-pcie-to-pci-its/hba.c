/*
 * S7: two PCI-X functions behind a PCIe-to-PCI bridge on an ITS system both enable MSI-X.
 * They share DeviceID 0x0300, but the ITT is sized for the bridge subtree (16 + 16 = 32):
 * information only.
 * expect: attr/shared-requester-id@16 info
 */
#include <linux/pci.h>

static const struct pci_device_id hba_ids[] = {
	{ PCI_DEVICE(0x1077, 0x2432) },
	{ }
};

static int hba_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pci_alloc_irq_vectors(pdev, 1, 16, PCI_IRQ_MSIX);
}
