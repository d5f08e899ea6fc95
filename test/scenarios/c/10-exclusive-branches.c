/* MSI-X on one branch, MSI on the other: only one runs on any path (§5 scenario 13).
 *
 * expect: none
 */
struct xb_priv { int use_msix; int nq; struct msix_entry e[8]; };

static int xb_setup(struct pci_dev *pdev, struct xb_priv *priv)
{
	int ret;

	if (priv->use_msix)
		ret = pci_enable_msix_range(pdev, priv->e, 1, priv->nq);
	else
		ret = pci_enable_msi(pdev);
	return ret;
}
