/*
 * S4: mlx5-style SF: the auxiliary device takes vectors from the parent's dynamic MSI-X and
 * only records the irq against itself.
 * expect: none
 */
#include <linux/pci.h>
#include <linux/auxiliary_bus.h>
#include <linux/msi.h>

static const struct pci_device_id sf_ids[] = {
	{ PCI_DEVICE(0x15b3, 0x1017) },
	{ }
};

static int sf_irq_request(struct pci_dev *pdev, struct auxiliary_device *adev)
{
	struct msi_map map;

	map = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);
	if (map.index < 0)
		return map.index;
	return auxiliary_device_sysfs_irq_add(adev, map.virq);
}
