/*
 * An auxiliary device allocating on itself, checked without a topology: the subdevice error
 * stands on the code alone; the IOMMU consequence depends on the platform: warning.
 * expect: attr/subdevice-descriptor@13 error
 * expect: attr/no-iommu-context@13 warning
 */
#include <linux/auxiliary_bus.h>
#include <linux/msi.h>

static int ax_probe(struct auxiliary_device *adev, const struct auxiliary_device_id *id)
{
	/* 6.2+ signature: the domain is looked up on the device */
	return msi_domain_alloc_irqs(&adev->dev, MSI_DEFAULT_DOMAIN, 4);
}
