#ifndef LINUX_MSI_H
#define LINUX_MSI_H
struct msi_device_data {
	unsigned long		properties;
	struct platform_msi_priv_data *platform_data;
	struct mutex		mutex;
	struct xarray		__store;
	unsigned long		__iter_idx;
};
int msi_add_msi_desc(struct device *dev, struct msi_desc *init_desc);
#endif
