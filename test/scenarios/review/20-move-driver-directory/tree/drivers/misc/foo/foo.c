// SPDX-License-Identifier: GPL-2.0
/* foo: synthetic driver for IRQ Lens review scenarios. */
#include <linux/pci.h>
#include <linux/msi.h>

static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	int ret;

	ret = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	ret = pci_irq_vector(pdev, 9);
	if (ret < 0) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	return 0;
}

static void foo_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static struct pci_driver foo_driver = {
	.name = "foo",
	.probe = foo_probe,
	.remove = foo_remove,
};
