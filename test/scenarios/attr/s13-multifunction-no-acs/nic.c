/*
 * S13: four functions without ACS share one IOMMU group but keep distinct RIDs: a shared
 * group is not a shared requester ID.
 * expect: none
 */
#include <linux/pci.h>

static const struct pci_device_id nic_ids[] = {
	{ PCI_DEVICE(0x14e4, 0x16d8) },
	{ }
};

static int nic_setup_irqs(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 2, 16, PCI_IRQ_MSIX);
}
