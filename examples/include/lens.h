/* SPDX-License-Identifier: GPL-2.0 */
/* Shared definitions of the IRQ Lens example drivers (not a real device). */
#ifndef _LENS_H
#define _LENS_H

#include <linux/pci.h>
#include <linux/msi.h>

#define PCI_VENDOR_ID_LENS		0x1e5e
#define PCI_DEVICE_ID_LENS_NET		0x0001
#define PCI_DEVICE_ID_LENS_DMA		0x0002

/* lensnet: one vector per queue plus one for link/misc events. */
#define LENSNET_NUM_QUEUES		8
#define LENSNET_MISC_VECTOR		LENSNET_NUM_QUEUES
#define LENSNET_MAX_VECTORS		(LENSNET_MISC_VECTOR + 1)
#define LENSNET_AUX_VECTOR		0

/* lensdma: a fixed set of channel vectors, plus one error vector added at run time. */
#define LENSDMA_CHANNELS		4
#define LENSDMA_ERR_VECTOR		BIT(1)

/* lensbus: a device-specific MSI domain with a small hardware table. */
#define LENSBUS_HWSIZE			32
#define LENSBUS_NR_IRQS			min(LENSBUS_HWSIZE, 16)

/* lensplat: platform (non-PCI) device MSI. */
#define LENSPLAT_NVEC			4

struct lensnet_adapter {
	struct pci_dev *pdev;
	struct auxiliary_device adev;
	int nvec;
	int irqs[LENSNET_MAX_VECTORS];
};

struct lensdma {
	struct pci_dev *pdev;
	struct msi_map err_map;
};

int lensnet_setup_irqs(struct lensnet_adapter *adapter);
void lensnet_teardown_irqs(struct lensnet_adapter *adapter);

#endif /* _LENS_H */
