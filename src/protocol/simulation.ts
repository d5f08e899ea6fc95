// The step-by-step simulation as it crosses the wire (irqlens/simulate, the webview's steps).
// The protocol owns this shape: the engine's SimulationResult is converted to it (conversions.ts).
import type { RuleCode, Severity } from './finding';
import type { Layout, SourceSite } from './map';

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
