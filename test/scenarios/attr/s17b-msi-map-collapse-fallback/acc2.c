/*
 * The same DeviceID collapse, but min_vecs 8 fits the 8 events left: the PCI core retries with
 * fewer vectors, so this is platform-dependent, not definite.
 * expect: attr/shared-requester-id@15 warning
 */
#include <linux/pci.h>

static const struct pci_device_id acc2_ids[] = {
	{ PCI_DEVICE(0x1d0f, 0x0062) },
	{ }
};

static int acc2_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pci_alloc_irq_vectors(pdev, 8, 24, PCI_IRQ_MSIX);
}
