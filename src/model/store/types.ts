// The allocator model's contract: plain, JSON-serialisable data in and out.
//
// How to use it (the replay in src/check drives this; nothing here parses C or raises findings):
//   const state = createStore({ layout: 'per-domain', tree: '6.12', maxDeviceIrqDomains: 1 });
//   const out = apply(state, { op: 'pci-alloc-vectors', device: 'pdev', site,
//                              min: exact(2), max: exact(8), flags: ['PCI_IRQ_MSIX'] });
//   // out.status 'ok', out.returns {min: 2, max: 8}; domain 0 holds 0..1 definite, 2..7 possible
//   const other = fork(state);            // explore a branch (if/else, switch case)
//   apply(other, ...);
//   const merged = join(state, other);    // after the branches: one-sided entries become 'possible'
//   toDomainStates(merged, 'pdev');       // DomainState[] for a SimulationStep
//   leftAtDetach(merged, 'pdev');         // what would still be live at unbind (leak decisions)
// `apply` mutates the state it is given and returns an Outcome; `fork` deep-copies. Every call is
// deterministic. After a call that can succeed (status ok or possible-error) the state is its
// success-path state (the replay keeps the state from before to undo it on a failure branch);
// after a definite error it is what the kernel leaves behind (e.g. 6.12 collateral erasure).
// Negative constants for `unsigned int` parameters are converted as C does (-1 = UINT_MAX,
// which is MSI_ANY_INDEX for alloc-at). An Outcome says what the kernel returns (errno, WARN), with which certainty,
// which earlier sites own the indices that collided, what was erased as collateral (§2.6), and
// the kernel function the prediction follows. `problems` say, by kind, which kernel check refused
// the call; the check layer maps each kind to a rule and picks severity and wording.
import type { Layout } from '../../vocabulary/layout';
import type { Partition } from '../../vocabulary/partition';
import type { SourceSite } from '../../vocabulary/source-site';
import type { ProblemKind } from './problem-kind';

export type Certainty = 'definite' | 'possible';

/** A count or index: exact when min === max; max null when it is only known at run time. */
export interface Interval {
  min: number;
  max: number | null;
}

/** Which kernel's API semantics to follow (check order, cleanup rule, platform MSI API). */
/** '7.x': the 6.12 store with the 7.x core's changes (docs/allocator-model.md "The 7.x core"). */
export type Tree = '6.1' | '6.12' | '7.x';

export interface StoreConfig {
  layout: Layout;
  /** Default: '6.1' for list/xarray, '6.12' for per-domain and partitioned. */
  tree?: Tree;
  /** Per-domain layout: 1 (6.12) or 2 (6.2–6.11, MSI_SECONDARY_DOMAIN exists). Default 1. */
  maxDeviceIrqDomains?: number;
  /** Partitioned layout windows (global indices); default window d = [d·0x10000, d·0x10000+0xffff], d = 0, 1. */
  partitions?: Partition[];
}

/** What a topology (lspci, JSON) or a configuration says about a device; unknown when absent. */
export interface DeviceCaps {
  /** MSI-X table size (pci_msix_vec_count), 1..2048; 0 = no MSI-X capability. */
  msixTableSize?: number;
  /** MSI Multiple Message Capable count (1..32); 0 = no MSI capability. */
  msiCount?: number;
  /** Platform parent sets MSI_FLAG_MULTI_PCI_MSI (x86 IR, GICv3 ITS: yes; x86 without IR: no). */
  multiMsi?: boolean;
  /** pci_msix_can_alloc_dyn() would be true (x86 vector / IR parents in 6.12). */
  dynamicMsix?: boolean;
  /** The PCI device gets per-device MSI/MSI-X domains (6.12 MSI parent). Default true. */
  perDeviceDomain?: boolean;
  /** dev->irq is non-zero (INTx routed). Default true. */
  hasIntx?: boolean;
}

export type PciIrqFlag = 'PCI_IRQ_MSIX' | 'PCI_IRQ_MSI' | 'PCI_IRQ_INTX' | 'PCI_IRQ_LEGACY' | 'PCI_IRQ_AFFINITY' | 'PCI_IRQ_VIRTUAL';

interface OpBase {
  /** Device identity key (DeviceRef.key). */
  device: string;
  site: SourceSite;
}

/** Domain id of a 6.2+ call; omitted for 6.1 calls (they address the single device store). */
interface DomainArg {
  domain?: Interval;
}

/** One operation on the stores. Each names the kernel API family it models. */
export type StoreOp =
  // Core (kernel/irq/msi.c)
  | (OpBase & DomainArg & { op: 'insert'; index: Interval }) // msi_insert_msi_desc, msi_domain_insert_msi_desc, 6.1 msi_add_msi_desc
  | (OpBase & DomainArg & { op: 'alloc-range'; first: Interval; last: Interval }) // msi_domain_alloc_irqs_range
  | (OpBase & DomainArg & { op: 'alloc-count'; count: Interval }) // msi_domain_alloc_irqs (6.12: range 0..n-1; 6.1: nvec)
  | (OpBase & DomainArg & { op: 'alloc-at'; index: Interval | 'any' }) // msi_domain_alloc_irq_at
  | (OpBase & DomainArg & { op: 'free-range'; first: Interval; last: Interval }) // msi_domain_free_irqs_range
  | (OpBase & DomainArg & { op: 'free-all' }) // msi_domain_free_irqs_all, 6.1 msi_domain_free_irqs
  | (OpBase & DomainArg & { op: 'free-descs'; first?: Interval; last?: Interval }) // msi_free_msi_descs(_range), msi_domain_free_msi_descs_range
  | (OpBase & { op: 'create-domain'; domain: Interval; hwsize: Interval }) // msi_create_device_irq_domain
  | (OpBase & { op: 'remove-domain'; domain: Interval }) // msi_remove_device_irq_domain
  | (OpBase & DomainArg & { op: 'get-virq'; index: Interval }) // msi_get_virq, msi_domain_get_virq
  // PCI (drivers/pci/msi/)
  | (OpBase & { op: 'pci-managed' }) // pcim_enable_device
  | (OpBase & { op: 'pci-alloc-vectors'; min: Interval; max: Interval; flags: PciIrqFlag[] }) // pci_alloc_irq_vectors(_affinity)
  | (OpBase & { op: 'pci-enable-msi'; min: Interval; max: Interval }) // pci_enable_msi (1,1), pci_enable_msi_range
  | (OpBase & { op: 'pci-enable-msix'; min: Interval; max: Interval; entries: number[] | null }) // pci_enable_msix_range/_exact
  | (OpBase & { op: 'pci-disable'; mode: 'msi' | 'msix' | 'all' }) // pci_disable_msi, pci_disable_msix, pci_free_irq_vectors
  | (OpBase & { op: 'pci-msix-alloc-at'; index: Interval | 'any'; guarded?: boolean }) // pci_msix_alloc_irq_at
  | (OpBase & { op: 'pci-msix-free'; index: Interval; virq?: Interval }) // pci_msix_free_irq (map.index, map.virq)
  | (OpBase & { op: 'pci-irq-vector'; nr: Interval }) // pci_irq_vector
  // Other buses
  | (OpBase & { op: 'platform-alloc'; nvec: Interval }) // 6.12 platform_device_msi_init_and_alloc_irqs, 6.1 platform_msi_domain_alloc_irqs
  | (OpBase & { op: 'platform-free' }) // platform_device_msi_free_irqs_all, platform_msi_domain_free_irqs
  | (OpBase & { op: 'fsl-mc-alloc'; count: Interval }) // fsl_mc_msi_domain_alloc_irqs
  | (OpBase & { op: 'fsl-mc-free' }) // fsl_mc_msi_domain_free_irqs
  | (OpBase & { op: 'ti-sci-alloc'; ranges: { first: Interval; count: Interval }[] }) // ti_sci_inta_msi_domain_alloc_irqs
  | (OpBase & { op: 'ims-create'; hwsize: Interval }) // pci_create_ims_domain (6.2–6.11 history)
  | (OpBase & { op: 'ims-alloc' }) // pci_ims_alloc_irq
  | (OpBase & { op: 'ims-free'; index: Interval; virq?: Interval }); // pci_ims_free_irq (map.index, map.virq)

export type OpName = StoreOp['op'];

export type Errno = '-EBUSY' | '-ERANGE' | '-EINVAL' | '-ENOSPC' | '-ENOTSUPP' | '-ENODEV' | '-ENOMEM';

/** The kernel code an outcome follows: tree 'design' = the §1.8 partitioned model, 'history' = 6.2–6.11. */
export interface Citation {
  tree: Tree | 'design' | 'history';
  file: string;
  fn: string;
}

/** Indices (domain-local, inclusive) of a domain; the partitioned layout also gives global ones. */
export interface IndexSpan {
  domain: number;
  first: number;
  last: number;
}

/** An earlier allocation that owns indices the operation hit. */
export interface Collision extends IndexSpan {
  certainty: Certainty;
  owner: SourceSite;
}

/** Descriptors removed as a side effect of a failed call (§2.6), or leaked because still associated. */
export interface Erasure extends IndexSpan {
  certainty: Certainty;
  owner: SourceSite;
  /** The descriptor had IRQs (associated): 6.12 WARNs and the IRQs leak. */
  irqsLeaked: boolean;
}

/** The call that enabled a PCI mode, found through the descriptors it left in domain 0. */
export interface ModeOwner {
  mode: 'msi' | 'msix';
  certainty: Certainty;
  owner: SourceSite;
}

/** Why an outcome is a problem, in the kernel's terms (src/check maps the kind to a rule). */
export interface Problem {
  kind: ProblemKind;
  certainty: Certainty;
  /** One sentence of kernel behaviour, e.g. "index 4 >= hwsize 4 of domain 0". */
  detail: string;
  /** Run-time values this depends on when possible, e.g. "the returned vector count n". */
  assumptions: string[];
}

export interface Outcome {
  op: OpName;
  /** 'error': fails on every path; 'possible-error': fails for some run-time values; 'no-op': nothing changed. */
  status: 'ok' | 'error' | 'possible-error' | 'no-op';
  /** Predicted errno when status is error or possible-error (map.index for *_alloc_irq_at). */
  errno: Errno | null;
  /** Success value: vector count, allocated index, virq validity (1 valid / 0 not), as an interval. */
  returns?: Interval;
  /** WARN_ON(_ONCE) splat: true, false, or 'possible'. */
  warn: boolean | 'possible';
  collisions: Collision[];
  erased: Erasure[];
  /** other-mode-enabled: the enables of the other mode still live (the conflict's other half). */
  enabledBy?: ModeOwner[];
  problems: Problem[];
  /** First citation is the one that decides the errno. */
  citations: Citation[];
  /** Short explanation for simulation output, e.g. "MSI-X slots 0..7 in domain 0". */
  note: string;
}

export type PciMode = 'none' | 'msi' | 'msix' | 'intx';

/** A run of descriptors with the same owner and certainty; indices domain-local, inclusive. */
export interface Block {
  first: number;
  last: number;
  certainty: Certainty;
  site: SourceSite;
  /** Which PCI mode put it there (undefined for non-PCI allocations). */
  mode?: 'msi' | 'msix';
  /** MSI: nvec_used of the single index-0 descriptor. */
  nvecUsed?: Interval;
  /** Linux IRQs allocated (desc->irq != 0): false for descriptor-only inserts (msi_insert_msi_desc, TI SCI before its IRQ allocation). */
  associated: boolean;
  /** Legend text for the map, e.g. "pci_alloc_irq_vectors(2, 8, PCI_IRQ_MSIX)". */
  label: string;
}

export type Presence = 'yes' | 'no' | 'maybe';

export interface DomainSlotState {
  domain: number;
  /** Whether a device irq domain occupies the slot (per-domain layout); 'yes' for single-store layouts. */
  exists: Presence;
  /** null: a run-time value (MSI-X table size without topology). */
  hwsize: number | null;
  /** Known lower bound of hwsize (equals hwsize when known; 1 when nothing is known). */
  hwsizeMin: number;
  hwsizeSource: string;
  /** What created it: pci-msi, pci-msix, platform, ims, device (explicit create), global. */
  kind: string;
  blocks: Block[];
}

export interface DeviceStoreState {
  key: string;
  caps: DeviceCaps;
  /** Possible PCI modes (a set: more than one after a join or a run-time fallback). */
  pciModes: PciMode[];
  /** pcim_enable_device seen. */
  managed: Presence;
  /** pcim_msi_release installed (managed at an allocation). */
  pcimRelease: Presence;
  /** 6.1 platform MSI private data set (second platform_msi_domain_alloc_irqs gives -EBUSY). */
  platformData: Presence;
  domains: DomainSlotState[];
}

export interface StoreState {
  config: Required<StoreConfig>;
  devices: Record<string, DeviceStoreState>;
}

export const MSI_MAX_INDEX = 65535;
export const MSI_XA_DOMAIN_SIZE = 65536;
/** MSI_ANY_INDEX (UINT_MAX). */
export const MSI_ANY_INDEX = 0xffffffff;
