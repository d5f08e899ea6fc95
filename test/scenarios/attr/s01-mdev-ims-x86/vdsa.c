/*
 * S1: a DSA mdev allocating IMS-style vectors on its own struct device (out-of-tree 2021 shape).
 * The owner is the mdev; the writer is the DSA PF 6a:01.0 (bound through the id table).
 * expect: attr/subdevice-descriptor@24 error
 * expect: attr/no-iommu-context@24 info
 */
#include <linux/pci.h>
#include <linux/mdev.h>
#include <linux/msi.h>

#define VDSA_VECTORS 8

static const struct pci_device_id vdsa_ids[] = {
	{ PCI_DEVICE(0x8086, 0x0b25) },
	{ }
};

struct vdsa {
	struct mdev_device *mdev;
};

static int vdsa_setup_irqs(struct vdsa *v, struct mdev_device *mdev)
{
	return msi_domain_alloc_irqs_range(mdev_dev(mdev), MSI_DEFAULT_DOMAIN, 0, VDSA_VECTORS - 1);
}
