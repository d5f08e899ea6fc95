/*
 * S2: the in-tree way: the parent PCI function allocates and hands a virq to the mdev.
 * expect: none
 */
#include <linux/pci.h>
#include <linux/mdev.h>

static const struct pci_device_id vdsa_ids[] = {
	{ PCI_DEVICE(0x8086, 0x0b25) },
	{ }
};

struct vdsa {
	struct pci_dev *pdev;
	int irq;
};

static int vdsa_setup_irqs(struct vdsa *v, int n)
{
	int nvec = pci_alloc_irq_vectors(v->pdev, 1, n, PCI_IRQ_MSIX);

	if (nvec < 0)
		return nvec;
	v->irq = pci_irq_vector(v->pdev, 0);
	return 0;
}
