// The era of a kernel tree: which descriptor-store design its MSI core has. The facts layer
// detects it; the model, the rules and every face read it.

/** The store design of a tree, as detected from its headers (or from call signatures). */
export type Era = 'list' | 'xarray' | 'per-domain';

export interface EraInfo {
  era: Era;
  /** e.g. "6.12-like per-domain (MSI_MAX_DEVICE_IRQDOMAINS = 1)". */
  label: string;
  /** How it was decided: "include/linux/msi_api.h", "call signatures", "default". */
  source: string;
  /** From `enum msi_domain_ids` when present (per-domain era). */
  maxDeviceIrqDomains?: number;
  /** Named domain ids, e.g. { MSI_DEFAULT_DOMAIN: 0, MSI_SECONDARY_DOMAIN: 1 }. */
  domainIds: Record<string, number>;
  /** Which INTx flag name the tree defines. */
  intxFlag: 'PCI_IRQ_INTX' | 'PCI_IRQ_LEGACY';
  /**
   * Set when the MSI core behaves as 7.x does (device domains prepared at creation, PCI/MSI
   * domain sized by the vector count): the store model follows the 7.x core.
   */
  generation?: '7.x';
  /** Catalogue APIs with a lifetime: whether the tree's headers declare each (absent: decided by `generation`). */
  apis?: Record<string, boolean>;
}
