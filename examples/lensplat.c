// SPDX-License-Identifier: GPL-2.0
/*
 * lensplat: a platform device whose interrupts are MSIs through the platform-MSI
 * per-device domain (6.12 API).
 */
#include <linux/msi.h>
#include <linux/platform_device.h>
#include "include/lens.h"

static void lensplat_write_msg(struct msi_desc *desc, struct msi_msg *msg)
{
}

static int lensplat_probe(struct platform_device *pdev)
{
	int ret, i;

	ret = platform_device_msi_init_and_alloc_irqs(&pdev->dev, LENSPLAT_NVEC,
						      lensplat_write_msg);
	if (ret)
		return ret;

	for (i = 0; i < LENSPLAT_NVEC; i++)
		dev_dbg(&pdev->dev, "vector %d is irq %u\n", i, msi_get_virq(&pdev->dev, i));
	return 0;
}

static void lensplat_remove(struct platform_device *pdev)
{
	platform_device_msi_free_irqs_all(&pdev->dev);
}

static struct platform_driver lensplat_driver = {
	.probe		= lensplat_probe,
	.remove		= lensplat_remove,
	.driver		= { .name = "lensplat" },
};
module_platform_driver(lensplat_driver);
MODULE_LICENSE("GPL");
