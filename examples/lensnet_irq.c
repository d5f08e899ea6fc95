// SPDX-License-Identifier: GPL-2.0
/*
 * lensnet: MSI-X (or MSI) vectors for the queues. The number of vectors the core grants is
 * only known at run time, so every lookup is bounded by the count that was returned.
 */
#include <linux/interrupt.h>
#include <linux/pci.h>
#include "include/lens.h"

static irqreturn_t lensnet_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

int lensnet_setup_irqs(struct lensnet_adapter *adapter)
{
	struct pci_dev *pdev = adapter->pdev;
	int nvec, i, err;

	nvec = pci_alloc_irq_vectors(pdev, 1, LENSNET_MAX_VECTORS,
				     PCI_IRQ_MSIX | PCI_IRQ_MSI);
	if (nvec < 0)
		return nvec;
	adapter->nvec = nvec;

	for (i = 0; i < nvec; i++) {
		adapter->irqs[i] = pci_irq_vector(pdev, i);
		err = request_irq(adapter->irqs[i], lensnet_irq, 0, "lensnet", adapter);
		if (err)
			goto err_free_irqs;
	}
	return 0;

err_free_irqs:
	while (--i >= 0)
		free_irq(adapter->irqs[i], adapter);
	pci_free_irq_vectors(pdev);
	return err;
}

void lensnet_teardown_irqs(struct lensnet_adapter *adapter)
{
	int i;

	for (i = 0; i < adapter->nvec; i++)
		free_irq(adapter->irqs[i], adapter);
	pci_free_irq_vectors(adapter->pdev);
}
