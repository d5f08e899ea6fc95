// SPDX-License-Identifier: GPL-2.0
/*
 * lensbus: a device with its own MSI domain (6.2+ per-device domains). The domain is
 * created with a hardware table of LENSBUS_HWSIZE entries; LENSBUS_NR_IRQS of them are
 * allocated as one range and freed on the error path and at removal.
 */
#include <linux/msi.h>
#include <linux/platform_device.h>
#include "include/lens.h"

static const struct msi_domain_template lensbus_template = {
	.chip = { .name = "lensbus" },
};

static int lensbus_setup(struct device *dev)
{
	unsigned int virq;
	int ret, i;

	if (!msi_create_device_irq_domain(dev, MSI_DEFAULT_DOMAIN, &lensbus_template,
					  LENSBUS_HWSIZE, NULL, NULL))
		return -ENODEV;

	ret = msi_domain_alloc_irqs_range(dev, MSI_DEFAULT_DOMAIN, 0, LENSBUS_NR_IRQS - 1);
	if (ret)
		return ret;

	for (i = 0; i < LENSBUS_NR_IRQS; i++) {
		virq = msi_domain_get_virq(dev, MSI_DEFAULT_DOMAIN, i);
		if (!virq) {
			ret = -ENXIO;
			goto err_free;
		}
	}
	return 0;

err_free:
	msi_domain_free_irqs_all(dev, MSI_DEFAULT_DOMAIN);
	return ret;
}

static int lensbus_probe(struct platform_device *pdev)
{
	return lensbus_setup(&pdev->dev);
}

static void lensbus_remove(struct platform_device *pdev)
{
	msi_domain_free_irqs_range(&pdev->dev, MSI_DEFAULT_DOMAIN, 0, LENSBUS_NR_IRQS - 1);
}

static struct platform_driver lensbus_driver = {
	.probe		= lensbus_probe,
	.remove		= lensbus_remove,
	.driver		= { .name = "lensbus" },
};
module_platform_driver(lensbus_driver);
MODULE_LICENSE("GPL");
