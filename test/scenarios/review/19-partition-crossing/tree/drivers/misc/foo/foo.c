// SPDX-License-Identifier: GPL-2.0
/* foo: synthetic driver for IRQ Lens review scenarios. */
#include <linux/pci.h>
#include <linux/msi.h>

static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	if (!msi_create_device_irq_domain(&pdev->dev, 0, &foo_template, 0, NULL, NULL))
		return -ENODEV;
	ret = msi_domain_alloc_irqs_range(&pdev->dev, 0, 0xfff0, 0xffff);
	if (ret)
		return ret;
	return 0;
}

static void foo_remove(struct pci_dev *pdev)
{
	msi_domain_free_irqs_range(&pdev->dev, 0, 0xfff0, 0xffff);
}

static struct pci_driver foo_driver = {
	.name = "foo",
	.probe = foo_probe,
	.remove = foo_remove,
};
