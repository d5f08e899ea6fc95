// What went wrong in a store call, in the kernel's terms: which check of which function refused
// the call or made it a no-op. The model names no rule; src/check/problem-rules.ts maps each kind
// to the rule it evidences, and the rules decide severity and message.
export type ProblemKind =
  // The requested range or count is malformed.
  /** first > last (msi_ctrl_valid, msi_domain_free_irqs_range). */
  | 'first-after-last'
  /** A count of 0 or less: nirqs - 1 wraps last to UINT_MAX, or pci_msi_supported(dev, nvec < 1) fails. */
  | 'count-not-positive'
  /** __pci_enable_msi(x)_range: maxvec < minvec gives -ERANGE. */
  | 'maxvec-below-minvec'
  // Something the call wants is already taken.
  /** msi_insert_desc: the index already holds a descriptor (-EBUSY). */
  | 'slot-occupied'
  /** MSI_ANY_INDEX: xa_alloc finds no free index below hwsize (-EBUSY). */
  | 'domain-full'
  /** The device (or the domain slot, or MSI_SECONDARY_DOMAIN) already has an MSI domain. */
  | 'domain-exists'
  /** 6.1 platform-msi: the device's platform MSI data is already set. */
  | 'platform-data-exists'
  /** 6.1 fsl-mc: descriptors already exist; the store is untouched. */
  | 'descriptors-exist'
  /** WARN_ON_ONCE(dev->msi_enabled / dev->msix_enabled): the same mode enabled again. */
  | 'mode-already-enabled'
  /** pci_msix_validate_entries: an msix_entry appears twice. */
  | 'duplicate-entry'
  // An index or size beyond a limit.
  /** Domain creation: hwsize (or platform nvec) > MSI_XA_DOMAIN_SIZE. */
  | 'hwsize-too-large'
  /** 6.1 platform-msi: nvec > MAX_DEV_MSIS. */
  | 'count-too-large'
  /** index > MSI_MAX_INDEX: msi_domain_get_virq WARNs and returns 0. */
  | 'index-beyond-max'
  /** msi_ctrl_valid / msi_insert_desc: index >= the domain's hwsize. */
  | 'index-beyond-hwsize'
  /** An MSI-X index >= the MSI-X table size (the hwsize of the PCI/MSI-X device domain). */
  | 'index-beyond-msix-table'
  /** 6.1 __pci_enable_msix: an msix_entry >= the table size. */
  | 'entry-beyond-msix-table'
  /** The MSI-X table has fewer entries than minvec (-ENOSPC). */
  | 'msix-table-too-small'
  /** Partitioned layout: global indices leave the domain's window. */
  | 'beyond-partition-window'
  // The domain addressed.
  /** domid >= MSI_MAX_DEVICE_IRQDOMAINS, or no partition window for it. */
  | 'domain-id-invalid'
  /** No irq domain in the addressed slot of the device. */
  | 'no-domain'
  // PCI modes and capabilities.
  /** "can't enable MSI-X (MSI already enabled)" and the reverse. */
  | 'other-mode-enabled'
  /** pci_disable_msi(x) with that mode not enabled: a no-op. */
  | 'mode-not-enabled'
  /** minvec > the device's (or the MSI maximum's) vector count (-ENOSPC). */
  | 'minvec-beyond-msi-count'
  /** minvec > 1 without MSI_FLAG_MULTI_PCI_MSI or a multi-message capable device (-ENOSPC). */
  | 'multi-msi-unsupported'
  /** Dynamic MSI-X allocation with MSI-X not enabled (dev->msix_enabled is 0). */
  | 'dynamic-needs-msix'
  /** The MSI parent lacks MSI_FLAG_PCI_MSIX_ALLOC_DYN. */
  | 'no-dynamic-msix'
  /** The API does not exist in the tree the store follows. */
  | 'api-absent'
  // Frees of nothing.
  /** pci_msix_free_irq on a failed map (index < 0 or virq <= 0): WARN and return. */
  | 'map-failed'
  /** A free of indices that hold no descriptor: a silent no-op. */
  | 'nothing-to-free'
  // Lookups that miss.
  /** msi_get_virq / pci_irq_vector: the index has no associated descriptor. */
  | 'lookup-empty-slot'
  /** PCI MSI: nr >= nvec_used of the single index-0 descriptor. */
  | 'lookup-beyond-nvec-used'
  /** pci_irq_vector with neither MSI nor MSI-X enabled: nr != 0 gives -EINVAL. */
  | 'lookup-without-msi';

/**
 * The call found its index, its domain or its mode already taken (or asked for one index twice):
 * an MSI-X attempt of pci_alloc_irq_vectors that failed so makes the MSI fallback's "MSI-X
 * already enabled" the same story, not a second one.
 */
export const alreadyTaken: ReadonlySet<ProblemKind> = new Set<ProblemKind>([
  'slot-occupied',
  'domain-full',
  'domain-exists',
  'platform-data-exists',
  'descriptors-exist',
  'mode-already-enabled',
  'duplicate-entry',
]);
