#ifndef LINUX_MSI_API_H
#define LINUX_MSI_API_H
enum msi_domain_ids {
	MSI_DEFAULT_DOMAIN,
	MSI_MAX_DEVICE_IRQDOMAINS,
};
#define MSI_ANY_INDEX		UINT_MAX
struct msi_map {
	int	index;
	int	virq;
};
#endif
