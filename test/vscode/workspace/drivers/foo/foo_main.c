// SPDX-License-Identifier: GPL-2.0
/* IRQ Lens test fixture (written for the test suite): a PCI driver with MSI-X mistakes. */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/msi.h>

#define FOO_NVEC	8
#define FOO_SPARE	(FOO_NVEC / 2)

struct foo_dev {
	struct pci_dev *pdev;
	int irqs[FOO_NVEC];
	struct msi_map spare;
};

static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct foo_dev *foo;
	int ret, i;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	foo = devm_kzalloc(&pdev->dev, sizeof(*foo), GFP_KERNEL);
	if (!foo)
		return -ENOMEM;
	foo->pdev = pdev;

	ret = pci_alloc_irq_vectors(pdev, FOO_NVEC, FOO_NVEC, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;

	if (pci_msix_can_alloc_dyn(pdev)) {
		foo->spare = pci_msix_alloc_irq_at(pdev, FOO_SPARE, NULL);
		if (foo->spare.index < 0) {
			ret = foo->spare.index;
			goto err_free;
		}
	}

	for (i = 0; i < FOO_NVEC; i++)
		foo->irqs[i] = pci_irq_vector(pdev, i);
	pci_set_drvdata(pdev, foo);
	return 0;

err_free:
	pci_free_irq_vectors(pdev);
	return ret;
}

static void foo_remove(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}

static const struct pci_device_id foo_ids[] = {
	{ PCI_DEVICE(0x1d0f, 0xf00d) },
	{ }
};
MODULE_DEVICE_TABLE(pci, foo_ids);

static struct pci_driver foo_driver = {
	.name = "foo",
	.id_table = foo_ids,
	.probe = foo_probe,
	.remove = foo_remove,
};
module_pci_driver(foo_driver);
MODULE_LICENSE("GPL");
