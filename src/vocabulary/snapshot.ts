// What the model shows a person: the index-space map of every device and the step-by-step
// simulation of one device's operations. Plain data: the server sends it over LSP custom
// requests (src/protocol converts it) and the webview draws it.
import type { DeviceClass } from './device-class';
import type { EraInfo } from './era';
import type { RuleCode, Severity } from './finding';
import type { Layout } from './layout';
import type { Partition } from './partition';
import type { SourceSite } from './source-site';

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

/** The store of one domain after a simulation step. */
export interface DomainState {
  domain: number;
  hwsize: number | null;
  occupied: { first: number; last: number; certainty: 'definite' | 'possible'; site: SourceSite }[];
  mode?: 'msi' | 'msix' | 'intx' | 'none';
}

export interface SimulationStep {
  /** 0-based position in the replay order. */
  index: number;
  site: SourceSite;
  /** What the call asks the store for, e.g. "allocate 0..7 in domain 0 (MSI-X)". */
  operation: string;
  outcome: 'ok' | 'error' | 'possible-error' | 'no-op';
  /** Kernel result the model predicts, e.g. "-EBUSY". */
  errno?: string;
  note?: string;
  /** Findings raised at this step. */
  findings: { code: RuleCode; severity: Severity; message: string }[];
  state: DomainState[];
}

export interface SimulationResult {
  device: string;
  layout: Layout;
  /** probe: ordered from a probe-like entry across functions; function: each function alone. */
  order: 'probe' | 'function';
  entry?: string;
  steps: SimulationStep[];
}
