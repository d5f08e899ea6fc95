/*
 * S15: two NVMe drives behind Intel VMD: the IOMMU and interrupt remapping see only the VMD
 * endpoint's RID (pci_real_dma_dev). By design, so information only, one finding per call.
 * expect: attr/shared-requester-id@15 info
 */
#include <linux/pci.h>

static const struct pci_device_id nvme_ids[] = {
	{ PCI_DEVICE(0x144d, 0xa808) },
	{ }
};

static int nvme_setup_irqs(struct pci_dev *pdev, unsigned int nr_io_queues)
{
	return pci_alloc_irq_vectors(pdev, 1, nr_io_queues + 1, PCI_IRQ_ALL_TYPES);
}
