// SPDX-License-Identifier: GPL-2.0
/*
 * lensdma: a fixed MSI-X vector per DMA channel, then one error vector added at run time
 * with dynamic MSI-X (6.2+).
 *
 * THE DELIBERATE BUG: LENSDMA_ERR_VECTOR is BIT(1) == 2, a table slot that the initial
 * pci_alloc_irq_vectors() already owns (it allocated exactly slots 0..3), so
 * pci_msix_alloc_irq_at() always fails with -EBUSY. Passing MSI_ANY_INDEX would fix it.
 */
#include <linux/pci.h>
#include <linux/msi.h>
#include "include/lens.h"

static int lensdma_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct lensdma *dma;
	int ret;

	dma = devm_kzalloc(&pdev->dev, sizeof(*dma), GFP_KERNEL);
	if (!dma)
		return -ENOMEM;
	dma->pdev = pdev;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;

	ret = pci_alloc_irq_vectors(pdev, LENSDMA_CHANNELS, LENSDMA_CHANNELS, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;

	if (!pci_msix_can_alloc_dyn(pdev))
		return 0;

	dma->err_map = pci_msix_alloc_irq_at(pdev, LENSDMA_ERR_VECTOR, NULL);
	if (dma->err_map.index < 0) {
		ret = dma->err_map.index;
		goto err_free;
	}
	pci_set_drvdata(pdev, dma);
	return 0;

err_free:
	pci_free_irq_vectors(pdev);
	return ret;
}

static void lensdma_remove(struct pci_dev *pdev)
{
	struct lensdma *dma = pci_get_drvdata(pdev);

	pci_msix_free_irq(pdev, dma->err_map);
	pci_free_irq_vectors(pdev);
}

static const struct pci_device_id lensdma_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_LENS, PCI_DEVICE_ID_LENS_DMA) },
	{ }
};

static struct pci_driver lensdma_driver = {
	.name		= "lensdma",
	.id_table	= lensdma_ids,
	.probe		= lensdma_probe,
	.remove		= lensdma_remove,
};
module_pci_driver(lensdma_driver);
MODULE_LICENSE("GPL");
