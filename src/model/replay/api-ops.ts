// What each MSI API does to a device's descriptor store, as data. The facts layer says which
// API a call is and resolves its arguments; this table says which model operation replays it
// and what its return value means (for telling success paths from error paths).
// Sources: kernel/irq/msi.c, drivers/pci/msi/{api,msi,irqdomain}.c, drivers/base/platform-msi.c,
// drivers/bus/fsl-mc/fsl-mc-msi.c (6.1 and 6.12).

export type OpKind =
  | 'pci-alloc' // pci_alloc_irq_vectors(dev, min, max, flags): MSI-X, then MSI, then INTx
  | 'pci-enable-msi' // pci_enable_msi(_range): one descriptor at 0, nvec_used = n
  | 'pci-enable-msix' // pci_enable_msix_range/_exact: msix_entry slots
  | 'msix-alloc-at' // pci_msix_alloc_irq_at(dev, index, affd): dynamic MSI-X
  | 'msix-free-irq' // pci_msix_free_irq(dev, map)
  | 'pci-free-all' // pci_free_irq_vectors: idempotent
  | 'pci-disable-msi'
  | 'pci-disable-msix'
  | 'pci-irq-vector' // pci_irq_vector(dev, nr)
  | 'get-virq' // msi_get_virq / msi_domain_get_virq
  | 'domain-alloc-range' // msi_domain_alloc_irqs(_range)(_locked): simple descriptors first..last
  | 'domain-alloc-at' // msi_domain_alloc_irq_at(dev, domid, index, ...)
  | 'domain-free-range'
  | 'domain-free-all' // msi_domain_free_irqs_all(_locked), 6.1 msi_domain_free_irqs (whole device)
  | 'free-descs-range' // msi_free_msi_descs(_range), msi_domain_free_msi_descs_range
  | 'create-domain' // msi_create_device_irq_domain(dev, domid, tmpl, hwsize, ...)
  | 'remove-domain'
  | 'platform-alloc' // creates a per-device domain of hwsize nvec (6.12), allocates 0..nvec-1
  | 'platform-free'
  | 'fslmc-alloc' // fsl_mc_msi_domain_alloc_irqs(dev, count): 0..count-1 in domain 0
  | 'fslmc-free'
  | 'ims-create' // pci_create_ims_domain: domain 1 (6.2..6.11)
  | 'ims-alloc' // pci_ims_alloc_irq: MSI_ANY_INDEX in domain 1
  | 'ims-free'
  | 'query-dyn' // pci_msix_can_alloc_dyn
  | 'managed' // pcim_enable_device: vectors allocated afterwards are freed at detach
  | 'none'; // iterators, other queries: no store effect

/** What a successful call returns, for reading `if (ret < 0)`-style checks. */
export type ReturnKind = 'count' | 'zero' | 'map' | 'bool' | 'virq' | 'void' | 'other';

export interface ApiOp {
  op: OpKind;
  returns: ReturnKind;
  /** Calls only this era has (a tree of another era does not have the API). */
  onlyEra?: 'xarray' | 'per-domain';
}

const table: Record<string, ApiOp> = {
  pci_alloc_irq_vectors: { op: 'pci-alloc', returns: 'count' },
  pci_alloc_irq_vectors_affinity: { op: 'pci-alloc', returns: 'count' },
  pci_enable_msi: { op: 'pci-enable-msi', returns: 'zero' },
  pci_enable_msi_range: { op: 'pci-enable-msi', returns: 'count' },
  pci_enable_msix_range: { op: 'pci-enable-msix', returns: 'count' },
  pci_enable_msix_exact: { op: 'pci-enable-msix', returns: 'zero' },
  pci_msix_alloc_irq_at: { op: 'msix-alloc-at', returns: 'map', onlyEra: 'per-domain' },
  pci_msix_free_irq: { op: 'msix-free-irq', returns: 'void', onlyEra: 'per-domain' },
  pci_msix_can_alloc_dyn: { op: 'query-dyn', returns: 'bool', onlyEra: 'per-domain' },
  pci_free_irq_vectors: { op: 'pci-free-all', returns: 'void' },
  pci_disable_msi: { op: 'pci-disable-msi', returns: 'void' },
  pci_disable_msix: { op: 'pci-disable-msix', returns: 'void' },
  pci_irq_vector: { op: 'pci-irq-vector', returns: 'virq' },
  msi_get_virq: { op: 'get-virq', returns: 'virq' },
  msi_domain_get_virq: { op: 'get-virq', returns: 'virq', onlyEra: 'per-domain' },
  msi_domain_alloc_irqs: { op: 'domain-alloc-range', returns: 'zero' },
  msi_domain_alloc_irqs_range: { op: 'domain-alloc-range', returns: 'zero', onlyEra: 'per-domain' },
  msi_domain_alloc_irqs_range_locked: { op: 'domain-alloc-range', returns: 'zero', onlyEra: 'per-domain' },
  msi_domain_alloc_irqs_descs_locked: { op: 'domain-alloc-range', returns: 'zero', onlyEra: 'xarray' },
  msi_domain_alloc_irqs_all_locked: { op: 'none', returns: 'zero', onlyEra: 'per-domain' },
  msi_domain_alloc_irq_at: { op: 'domain-alloc-at', returns: 'map', onlyEra: 'per-domain' },
  msi_domain_free_irqs: { op: 'domain-free-all', returns: 'void', onlyEra: 'xarray' },
  msi_domain_free_irqs_descs_locked: { op: 'domain-free-all', returns: 'void', onlyEra: 'xarray' },
  msi_domain_free_irqs_range: { op: 'domain-free-range', returns: 'void', onlyEra: 'per-domain' },
  msi_domain_free_irqs_range_locked: { op: 'domain-free-range', returns: 'void', onlyEra: 'per-domain' },
  msi_domain_free_irqs_all: { op: 'domain-free-all', returns: 'void', onlyEra: 'per-domain' },
  msi_domain_free_irqs_all_locked: { op: 'domain-free-all', returns: 'void', onlyEra: 'per-domain' },
  msi_free_msi_descs: { op: 'free-descs-range', returns: 'void' },
  msi_free_msi_descs_range: { op: 'free-descs-range', returns: 'void' },
  msi_domain_free_msi_descs_range: { op: 'free-descs-range', returns: 'void', onlyEra: 'per-domain' },
  msi_create_device_irq_domain: { op: 'create-domain', returns: 'bool', onlyEra: 'per-domain' },
  msi_remove_device_irq_domain: { op: 'remove-domain', returns: 'void', onlyEra: 'per-domain' },
  platform_device_msi_init_and_alloc_irqs: { op: 'platform-alloc', returns: 'zero', onlyEra: 'per-domain' },
  platform_device_msi_free_irqs_all: { op: 'platform-free', returns: 'void', onlyEra: 'per-domain' },
  platform_msi_domain_alloc_irqs: { op: 'platform-alloc', returns: 'zero', onlyEra: 'xarray' },
  platform_msi_domain_free_irqs: { op: 'platform-free', returns: 'void', onlyEra: 'xarray' },
  fsl_mc_msi_domain_alloc_irqs: { op: 'fslmc-alloc', returns: 'zero' },
  fsl_mc_msi_domain_free_irqs: { op: 'fslmc-free', returns: 'void' },
  pci_create_ims_domain: { op: 'ims-create', returns: 'bool' },
  pci_ims_alloc_irq: { op: 'ims-alloc', returns: 'map' },
  pci_ims_free_irq: { op: 'ims-free', returns: 'void' },
  pcim_enable_device: { op: 'managed', returns: 'zero' },
};

const none: ApiOp = { op: 'none', returns: 'other' };

export function apiOp(api: string): ApiOp {
  return Object.hasOwn(table, api) ? table[api]! : none;
}

/** Operations that put descriptors into a store (their results decide success paths). */
export function isAllocation(op: OpKind): boolean {
  return (
    op === 'pci-alloc' ||
    op === 'pci-enable-msi' ||
    op === 'pci-enable-msix' ||
    op === 'msix-alloc-at' ||
    op === 'domain-alloc-range' ||
    op === 'domain-alloc-at' ||
    op === 'platform-alloc' ||
    op === 'fslmc-alloc' ||
    op === 'ims-alloc' ||
    op === 'create-domain' ||
    op === 'ims-create'
  );
}

/** The call that undoes an allocation of this kind (what a leaking error path is missing). */
const undoneBy: Partial<Record<OpKind, string>> = {
  'pci-alloc': 'pci_free_irq_vectors()',
  'pci-enable-msi': 'pci_disable_msi()',
  'pci-enable-msix': 'pci_disable_msix()',
  'msix-alloc-at': 'pci_msix_free_irq()',
  'domain-alloc-range': 'msi_domain_free_irqs_all()',
  'domain-alloc-at': 'msi_domain_free_irqs_all()',
  'platform-alloc': 'platform_device_msi_free_irqs_all()',
  'fslmc-alloc': 'fsl_mc_msi_domain_free_irqs()',
  'ims-alloc': 'pci_ims_free_irq()',
};

/** A PCI device's own MSI/MSI-X vector allocation (pci_alloc_irq_vectors() and the enables). */
export function isPciVectorApi(api: string): boolean {
  const op = apiOp(api).op;
  return op === 'pci-alloc' || op === 'pci-enable-msi' || op === 'pci-enable-msix';
}

export function undoCall(api: string): string | undefined {
  if (api === 'platform_msi_domain_alloc_irqs') return 'platform_msi_domain_free_irqs()';
  return undoneBy[apiOp(api).op];
}
