// The MSI map as it crosses the wire (irqlens/map, the webview's snapshot message). The protocol
// owns this shape: the engine's MapSnapshot is converted to it (conversions.ts).
import type { Range, RuleCode, Severity } from './finding';

/** How the descriptor store is organised: by era, or the 2021 partitioned proposal. */
export type Layout = 'list' | 'xarray' | 'partitioned' | 'per-domain';

/** A window of the partitioned single store, in global indices, inclusive. */
export interface Partition {
  name: string;
  domain: number;
  first: number;
  last: number;
}

export interface SourceSite {
  file: string;
  range: Range;
  function: string;
  api: string;
}

export type DeviceClass = 'pci' | 'mdev' | 'auxiliary' | 'platform' | 'ntb' | 'fsl-mc' | 'cdx' | 'device' | 'unknown';

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

/** One allocation drawn on the map: indices first..last (inclusive, domain-local). */
export interface AllocationBlock {
  first: number;
  last: number;
  /** definite: owned on every path through the call; possible: depends on a run-time value. */
  certainty: 'definite' | 'possible';
  site: SourceSite;
  /** Short text for the legend, e.g. "pci_alloc_irq_vectors(pdev, 2, 8, PCI_IRQ_MSIX)". */
  label: string;
}

export interface ConflictMark {
  first: number;
  last: number;
  code: RuleCode;
  severity: Severity;
  message: string;
  site: SourceSite;
}

export interface DomainMap {
  domain: number;
  /** e.g. "MSI_DEFAULT_DOMAIN". */
  name?: string;
  /** null when it is a run-time value (e.g. the MSI-X table size with no topology). */
  hwsize: number | null;
  hwsizeSource: string;
  /** Global index of local index 0 (partitioned layout); 0 otherwise. */
  base: number;
  /** PCI mode of the default domain at the end of the modelled order. */
  mode?: 'msi' | 'msix' | 'intx' | 'none';
  allocations: AllocationBlock[];
  conflicts: ConflictMark[];
}

export interface DeviceAttributionSummary {
  /** e.g. "auxiliary device of 0000:3b:00.0". */
  owner: string;
  /** Requester IDs the IOMMU and remapper see, e.g. ["0x3b00"]. Empty when unknown. */
  requesterIds: string[];
  chain: string[];
}

export interface DeviceMap {
  /** Device identity key from the facts layer (DeviceRef.key), qualified by driver file. */
  key: string;
  label: string;
  class: DeviceClass;
  files: string[];
  domains: DomainMap[];
  attribution?: DeviceAttributionSummary;
}

export interface MapSnapshot {
  layout: Layout;
  era: EraInfo;
  partitions: Partition[];
  devices: DeviceMap[];
}
