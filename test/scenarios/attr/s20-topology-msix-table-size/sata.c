/*
 * The topology says this SATA controller is single-message MSI (Count=1/1): min_vecs 4 with
 * MSI only cannot be met on this machine.
 * expect: msi/multi-msi-limit@15 error
 */
#include <linux/pci.h>

static const struct pci_device_id sata_ids[] = {
	{ PCI_DEVICE(0x8086, 0x1e03) },
	{ }
};

static int sata_irqs(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSI);
}
