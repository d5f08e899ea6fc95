// SPDX-License-Identifier: GPL-2.0
/*
 * lensnet auxiliary subdevice: a function driver bound to an auxiliary device that lensnet
 * creates. It owns no vectors; it uses the parent PCI function's first vector.
 */
#include <linux/auxiliary_bus.h>
#include <linux/pci.h>
#include "include/lens.h"

static int lensnet_aux_probe(struct auxiliary_device *adev, const struct auxiliary_device_id *id)
{
	struct lensnet_adapter *adapter = container_of(adev, struct lensnet_adapter, adev);
	int irq;

	if (adapter->nvec < 1)
		return -ENODEV;
	irq = pci_irq_vector(adapter->pdev, LENSNET_AUX_VECTOR);
	if (irq < 0)
		return irq;
	dev_info(&adev->dev, "using irq %d\n", irq);
	return 0;
}

static const struct auxiliary_device_id lensnet_aux_ids[] = {
	{ .name = "lensnet.aux" },
	{ }
};

static struct auxiliary_driver lensnet_aux_driver = {
	.probe		= lensnet_aux_probe,
	.id_table	= lensnet_aux_ids,
};
module_auxiliary_driver(lensnet_aux_driver);
MODULE_LICENSE("GPL");
