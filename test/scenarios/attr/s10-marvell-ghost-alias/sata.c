/*
 * S10: Marvell 88SE9128 with the FUNC1 DMA-alias quirk and no function 1: a ghost requester
 * 0x0501. Correct code, but attribution is not the naive one: information.
 * expect: attr/shared-requester-id@15 info
 */
#include <linux/pci.h>

static const struct pci_device_id sata_ids[] = {
	{ PCI_DEVICE(0x1b4b, 0x9128) },
	{ }
};

static int sata_init_irq(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_INTX);
}
