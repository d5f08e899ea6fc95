/*
 * S3: an auxiliary device allocating on its own struct device (6.12 API), arm64 with ITS + SMMU.
 * expect: attr/subdevice-descriptor@20 error
 * expect: attr/no-iommu-context@20 error
 */
#include <linux/pci.h>
#include <linux/auxiliary_bus.h>
#include <linux/msi.h>

static const struct pci_device_id sf_ids[] = {
	{ PCI_DEVICE(0x15b3, 0x1017) },
	{ }
};

static int sf_probe(struct auxiliary_device *adev, const struct auxiliary_device_id *id)
{
	int n = 4;

	/* adev->dev.parent = &pdev->dev */
	return msi_domain_alloc_irqs_range(&adev->dev, MSI_DEFAULT_DOMAIN, 0, n - 1);
}
