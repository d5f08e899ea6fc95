/* A success test written as `n != nvec` for an exact request: the error label only runs after a failure.
 *
 * expect: none
 */
struct ec_priv { struct pci_dev *pdev; struct msix_entry *e; int nvec; };

static int ec_enable(struct ec_priv *p)
{
	int n;

	n = pci_enable_msix_range(p->pdev, p->e, p->nvec, p->nvec);
	if (n != p->nvec)
		goto err;
	return 0;
err:
	if (n > 0)
		pci_disable_msix(p->pdev);
	return -ENOSPC;
}
