// SPDX-License-Identifier: GPL-2.0
/* foo: synthetic driver for IRQ Lens review scenarios. */
#include <linux/pci.h>
#include <linux/msi.h>
static struct msi_map foo_map;
static union msi_instance_cookie foo_cookie;

static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	if (!pci_create_ims_domain(pdev, &foo_ims_template, 0, NULL)) {
		pci_free_irq_vectors(pdev);
		return -ENODEV;
	}
	foo_map = pci_ims_alloc_irq(pdev, &foo_cookie, NULL);
	if (foo_map.index < 0) {
		pci_free_irq_vectors(pdev);
		return foo_map.index;
	}
	return 0;
}

static void foo_remove(struct pci_dev *pdev)
{
	pci_ims_free_irq(pdev, foo_map);
	pci_free_irq_vectors(pdev);
}

static struct pci_driver foo_driver = {
	.name = "foo",
	.probe = foo_probe,
	.remove = foo_remove,
};
