// SPDX-License-Identifier: GPL-2.0
/*
 * lensnet: PCI driver registration. Probe enables the device and hands the interrupt
 * set-up to lensnet_irq.c; remove undoes it.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include "include/lens.h"

static const struct pci_device_id lensnet_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_LENS, PCI_DEVICE_ID_LENS_NET) },
	{ 0, }
};
MODULE_DEVICE_TABLE(pci, lensnet_ids);

static int lensnet_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct lensnet_adapter *adapter;
	int err;

	adapter = devm_kzalloc(&pdev->dev, sizeof(*adapter), GFP_KERNEL);
	if (!adapter)
		return -ENOMEM;

	err = pcim_enable_device(pdev);
	if (err)
		return err;

	adapter->pdev = pdev;
	pci_set_drvdata(pdev, adapter);
	return lensnet_setup_irqs(adapter);
}

static void lensnet_remove(struct pci_dev *pdev)
{
	struct lensnet_adapter *adapter = pci_get_drvdata(pdev);

	lensnet_teardown_irqs(adapter);
}

static struct pci_driver lensnet_driver = {
	.name		= "lensnet",
	.id_table	= lensnet_ids,
	.probe		= lensnet_probe,
	.remove		= lensnet_remove,
};
module_pci_driver(lensnet_driver);
MODULE_LICENSE("GPL");
