/*
 * S11 with explicit bindings (no id tables): Ricoh 0d:00.3 (FUNC0 quirk) aliases to 0d:00.0's
 * RID; both use MSI on an AMD target: AMD installs 0d:00.3's IRT over 0x0d00: warning.
 * bind: sdhci=0000:0d:00.0
 * expect: attr/shared-requester-id@11 warning
 */
#include <linux/pci.h>

static int sdhci_enable_msi(struct pci_dev *pdev)
{
	return pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
}
