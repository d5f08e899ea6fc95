// The MSI API catalogue: one row per kernel API. A new API is one row here; nothing else in the
// engine switches on API names. Signatures are listed per era where the kernel changed them.
import type { FactKind } from './types';

/** What an argument position means to the model. */
export type ArgRole =
  | 'device' // struct device * (or a bus device that is classified from its declaration)
  | 'pci' // struct pci_dev *
  | 'domid'
  | 'irqDomain' // 6.1 struct irq_domain *
  | 'index'
  | 'first'
  | 'last'
  | 'count'
  | 'min'
  | 'max'
  | 'hwsize'
  | 'flags'
  | 'entries' // struct msix_entry *
  | 'filter'
  | 'desc'
  | 'map'
  | 'other';

export interface ApiSignature {
  era: '6.1' | '6.2+' | 'any';
  args: ArgRole[];
  /** Domain id the API implies when it has no domid argument (per-domain era only). */
  impliedDomain?: 'default' | 'secondary';
}

export interface ApiRow {
  name: string;
  kind: FactKind;
  signatures: ApiSignature[];
  /** PCI_IRQ_* flags the API implies (pci_enable_msi → MSI, pci_enable_msix_* → MSI-X). */
  impliedFlags?: string[];
  /** Constant count the API implies (pci_enable_msi allocates one vector). */
  impliedCount?: number;
  /** The API always allocates at MSI_ANY_INDEX (pci_ims_alloc_irq). */
  impliedAnyIndex?: boolean;
  /** The call is a for-loop macro (msi_for_each_desc): it appears as a for-statement header. */
  loopMacro?: boolean;
  /** A lock guard class (DEFINE_LOCK_GUARD_1): written `guard(name)(dev)` or `scoped_guard(name, dev)`. */
  lockGuard?: boolean;
  /** The kernel asserts the device's MSI descriptor mutex is held (lockdep_assert_held in the core). */
  needsDescsLock?: boolean;
  /** The kernel generation that added or removed the API; the tree's headers decide when present. */
  lifetime?: ApiLifetime;
}

/** Generations the catalogue distinguishes beyond the signature eras (see docs/allocator-model.md). */
export type Generation = '7.x';

export interface ApiLifetime {
  added?: Generation;
  removed?: Generation;
  /** The header of a tree that declares it (era detection reads it). */
  header: string;
  /** What a tree without the API offers instead, for the finding's message. */
  instead: string;
}

const D = 'default' as const;
const S = 'secondary' as const;

function row(name: string, kind: FactKind, signatures: ApiSignature[], extra: Partial<ApiRow> = {}): ApiRow {
  return { name, kind, signatures, ...extra };
}
const v61 = (...args: ArgRole[]): ApiSignature => ({ era: '6.1', args });
const v62 = (args: ArgRole[], impliedDomain?: 'default' | 'secondary'): ApiSignature => ({ era: '6.2+', args, impliedDomain });
const any = (args: ArgRole[], impliedDomain?: 'default' | 'secondary'): ApiSignature => ({ era: 'any', args, impliedDomain });
const msiH = 'include/linux/msi.h';
/** 7.x: kernel/irq/msi.c:msi_ctrl_valid -> msi_get_device_domain asserts the mutex (lockdep_assert_held). */
const locked = { needsDescsLock: true } as const;

export const catalogue: readonly ApiRow[] = [
  // Generic MSI core: allocation
  row('msi_domain_alloc_irqs', 'alloc', [v61('irqDomain', 'device', 'count'), v62(['device', 'domid', 'count'])]),
  row('msi_domain_alloc_irqs_range', 'alloc', [v62(['device', 'domid', 'first', 'last'])]),
  row('msi_domain_alloc_irqs_range_locked', 'alloc', [v62(['device', 'domid', 'first', 'last'])], locked),
  row('msi_domain_alloc_irqs_all_locked', 'alloc', [v62(['device', 'domid', 'count'])], locked),
  row('msi_domain_alloc_irqs_descs_locked', 'alloc', [v61('irqDomain', 'device', 'count')], locked),
  row('msi_domain_alloc_irq_at', 'alloc', [v62(['device', 'domid', 'index', 'other', 'other'])]),
  // Generic MSI core: freeing
  row('msi_domain_free_irqs', 'free', [v61('irqDomain', 'device')]),
  row('msi_domain_free_irqs_descs_locked', 'free', [v61('irqDomain', 'device')], locked),
  row('msi_domain_free_irqs_range', 'free', [v62(['device', 'domid', 'first', 'last'])]),
  row('msi_domain_free_irqs_range_locked', 'free', [v62(['device', 'domid', 'first', 'last'])], locked),
  row('msi_domain_free_irqs_all', 'free', [v62(['device', 'domid'])]),
  row('msi_domain_free_irqs_all_locked', 'free', [v62(['device', 'domid'])], locked),
  row('msi_free_msi_descs', 'free', [any(['device'], D)]),
  row('msi_free_msi_descs_range', 'free', [v61('device', 'filter', 'first', 'last'), v62(['device', 'first', 'last'], D)]),
  row('msi_domain_free_msi_descs_range', 'free', [v62(['device', 'domid', 'first', 'last'])]),
  // Domains
  row('msi_create_device_irq_domain', 'create-domain', [v62(['device', 'domid', 'other', 'hwsize', 'other', 'other'])]),
  row('msi_remove_device_irq_domain', 'remove-domain', [v62(['device', 'domid'])]),
  // Parent (global) domains: no device store; 7.x replaced the PCI one with the MSI-parent model.
  row('msi_create_parent_irq_domain', 'parent-domain', [any(['other', 'other'])], {
    lifetime: {
      added: '7.x',
      header: msiH,
      instead: 'an MSI parent domain made with irq_domain_create_*() and IRQ_DOMAIN_FLAG_MSI_PARENT, msi_parent_ops set by the driver',
    },
  }),
  row('pci_msi_create_irq_domain', 'parent-domain', [any(['other', 'other', 'other'])], {
    lifetime: {
      removed: '7.x',
      header: msiH,
      instead: 'an MSI parent domain (kernel/irq/msi.c:msi_create_parent_irq_domain with msi_parent_ops); PCI devices then get per-device MSI/MSI-X domains',
    },
  }),
  // The descriptor mutex: a lock/unlock pair until 6.x, a lock guard in 7.x (kernel/irq/msi.c:__msi_lock_descs).
  row('msi_lock_descs', 'lock', [any(['device'], D)], {
    lifetime: {
      removed: '7.x',
      header: msiH,
      instead: 'guard(msi_descs_lock)(dev) or scoped_guard(msi_descs_lock, dev) (include/linux/msi.h: DEFINE_LOCK_GUARD_1 over __msi_lock_descs)',
    },
  }),
  row('msi_unlock_descs', 'unlock', [any(['device'], D)], {
    lifetime: { removed: '7.x', header: msiH, instead: 'the end of the guard(msi_descs_lock) scope (__msi_unlock_descs is internal)' },
  }),
  row('msi_descs_lock', 'lock', [any(['device'], D)], {
    lockGuard: true,
    lifetime: { added: '7.x', header: msiH, instead: 'msi_lock_descs(dev) ... msi_unlock_descs(dev)' },
  }),
  // Descriptor insertion
  row('msi_insert_msi_desc', 'insert', [v62(['device', 'desc'], D)]),
  row('msi_domain_insert_msi_desc', 'insert', [v62(['device', 'domid', 'desc'])]),
  row('msi_add_msi_desc', 'insert', [v61('device', 'desc')]),
  // Lookup and iteration
  row('msi_get_virq', 'lookup', [any(['device', 'index'], D)]),
  row('msi_domain_get_virq', 'lookup', [v62(['device', 'domid', 'index'])]),
  row('msi_for_each_desc', 'iterate', [any(['desc', 'device', 'filter'], D)], { loopMacro: true }),
  row('msi_domain_for_each_desc', 'iterate', [v62(['desc', 'device', 'domid', 'filter'])], { loopMacro: true }),
  row('msi_first_desc', 'iterate', [any(['device', 'filter'], D)]),
  row('msi_domain_first_desc', 'iterate', [v62(['device', 'domid', 'filter'])]),
  row('msi_next_desc', 'iterate', [v61('device', 'filter'), v62(['device', 'domid', 'filter'])]),
  // PCI MSI / MSI-X
  row('pci_alloc_irq_vectors', 'alloc', [any(['pci', 'min', 'max', 'flags'], D)]),
  row('pci_alloc_irq_vectors_affinity', 'alloc', [any(['pci', 'min', 'max', 'flags', 'other'], D)]),
  row('pci_enable_msi', 'alloc', [any(['pci'], D)], { impliedFlags: ['PCI_IRQ_MSI'], impliedCount: 1 }),
  row('pci_enable_msi_range', 'alloc', [any(['pci', 'min', 'max'], D)], { impliedFlags: ['PCI_IRQ_MSI'] }),
  row('pci_enable_msix_range', 'alloc', [any(['pci', 'entries', 'min', 'max'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  row('pci_enable_msix_exact', 'alloc', [any(['pci', 'entries', 'count'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  row('pci_msix_alloc_irq_at', 'alloc', [v62(['pci', 'index', 'other'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  row('pci_msix_free_irq', 'free', [v62(['pci', 'map'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  row('pci_msix_can_alloc_dyn', 'query', [v62(['pci'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  row('pci_msix_vec_count', 'query', [any(['pci'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  row('pci_msi_vec_count', 'query', [any(['pci'], D)], { impliedFlags: ['PCI_IRQ_MSI'] }),
  row('pci_irq_vector', 'lookup', [any(['pci', 'index'], D)]),
  row('pci_free_irq_vectors', 'free', [any(['pci'], D)]),
  row('pci_disable_msi', 'free', [any(['pci'], D)], { impliedFlags: ['PCI_IRQ_MSI'] }),
  row('pci_disable_msix', 'free', [any(['pci'], D)], { impliedFlags: ['PCI_IRQ_MSIX'] }),
  // IMS (6.2 – 6.11; absent from 6.12)
  row('pci_create_ims_domain', 'create-domain', [v62(['pci', 'other', 'hwsize', 'other'], S)]),
  row('pci_ims_alloc_irq', 'alloc', [v62(['pci', 'other', 'other'], S)], { impliedAnyIndex: true }),
  row('pci_ims_free_irq', 'free', [v62(['pci', 'map'], S)]),
  // Platform, fsl-mc, TI SCI
  row('platform_device_msi_init_and_alloc_irqs', 'alloc', [v62(['device', 'count', 'other'], D)]),
  row('platform_device_msi_free_irqs_all', 'free', [v62(['device'], D)]),
  row('platform_msi_domain_alloc_irqs', 'alloc', [any(['device', 'count', 'other'], D)]),
  row('platform_msi_domain_free_irqs', 'free', [any(['device'], D)]),
  row('fsl_mc_msi_domain_alloc_irqs', 'alloc', [any(['device', 'count'], D)]),
  row('fsl_mc_msi_domain_free_irqs', 'free', [any(['device'], D)]),
  row('ti_sci_inta_msi_domain_alloc_irqs', 'alloc', [any(['device', 'other'], D)]),
];

const byName = new Map(catalogue.map((r) => [r.name, r]));

export function catalogueRow(name: string): ApiRow | undefined {
  return byName.get(name);
}

/** Rows whose presence depends on the tree's generation. */
export function lifetimeRows(): ApiRow[] {
  return catalogue.filter((r) => r.lifetime !== undefined);
}

/** Every API name, for byte-level prefilters and call scanning. */
export function catalogueNames(): string[] {
  return catalogue.map((r) => r.name);
}
