#ifndef LINUX_MSI_H
#define LINUX_MSI_H
#include <linux/msi_api.h>
struct msi_dev_domain {
	struct xarray		store;
	struct irq_domain	*domain;
};
int msi_domain_alloc_irqs_range(struct device *dev, unsigned int domid, unsigned int first, unsigned int last);
void msi_domain_free_irqs_range(struct device *dev, unsigned int domid, unsigned int first, unsigned int last);
#endif
