/* The free helper disables the mode its flag names, and the flag word is not known to start clear
 * (forcedeth's nv_free_irq): the walk sees pci_disable_msix() on a path where MSI is enabled, but
 * whether the other mode stays enabled is msi/leak's question at the path's end, and on every path
 * here the right disable runs too. Silent.
 *
 * expect: none
 */
#define FD_MSIX_ON 1
#define FD_MSI_ON 2
struct fd_priv { struct pci_dev *pdev; unsigned int flags; };

static void fd_free_irq(struct fd_priv *np)
{
	if (np->flags & FD_MSIX_ON) {
		pci_disable_msix(np->pdev);
		np->flags &= ~FD_MSIX_ON;
	}
	if (np->flags & FD_MSI_ON) {
		pci_disable_msi(np->pdev);
		np->flags &= ~FD_MSI_ON;
	}
}

static int fd_request_irq(struct fd_priv *np)
{
	if (pci_enable_msi(np->pdev) == 0) {
		np->flags |= FD_MSI_ON;
		return 0;
	}
	return -ENODEV;
}

static int fd_test(struct fd_priv *np)
{
	int err;

	err = fd_request_irq(np);
	if (err)
		return err;
	fd_free_irq(np);
	return 0;
}
