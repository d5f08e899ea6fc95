/* As 140, but the error label tears down only for gen1 and gen3: the probe that set up vectors
 * took `gen4 || gen5` after `gen1` was false, and `gen3` was never asked there, so the teardown
 * may be skipped with MSI-X enabled.
 */
struct cd { struct pci_dev *pdev; struct msix_entry entries[4]; int nvec; };

static int cd_init_isr(struct cd *cd)
{
	int n;

	n = pci_enable_msix_range(cd->pdev, cd->entries, 1, 4);
	if (n < 0)
		return n;
	cd->nvec = n;
	return 0;
}

static void cd_deinit_isr(struct cd *cd)
{
	pci_disable_msix(cd->pdev);
}

static int cd_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct cd *cd = devm_kzalloc(&pdev->dev, sizeof(*cd), GFP_KERNEL);
	int rc;

	if (!cd)
		return -ENOMEM;
	cd->pdev = pdev;
	pci_set_drvdata(pdev, cd);
	if (cd_is_gen1(pdev)) {
		rc = cd_init_gen1(cd);
		if (rc)
			return rc;
	} else if (cd_is_gen4(pdev) || cd_is_gen5(pdev)) {
		rc = cd_init_isr(cd);
		if (rc)
			return rc;
	} else {
		return -EINVAL;
	}
	rc = cd_register(cd);
	if (rc)
		goto err_register;  // expect: msi/leak error
	return 0;

err_register:
	if (cd_is_gen1(pdev) || cd_is_gen3(pdev))
		cd_deinit_isr(cd);
	return rc;
}

static void cd_remove(struct pci_dev *pdev)
{
	struct cd *cd = pci_get_drvdata(pdev);

	cd_unregister(cd);
	if (cd_is_gen4(pdev) || cd_is_gen5(pdev))
		cd_deinit_isr(cd);
}

static struct pci_driver cd_driver = {
	.probe = cd_probe,
	.remove = cd_remove,
};
