// The replay's data: the state one path carries through the walk, and the events the
// interpreter reports (an applied store operation, a path end) to the check layer.
import type { MsiFact, Range } from '../../facts/types';
import type { DeviceCaps, Interval, Outcome as StoreOutcome, StoreOp, StoreState } from '../store/types';
import type { ReturnKind } from './api-ops';
import type { Outcome } from './outcome';

export type Phase = 'probe' | 'remove' | 'alone';

export interface VarRef {
  id: number;
  returns?: ReturnKind;
}

export interface PathState {
  store: StoreState;
  /** Variable -> the fact whose result it holds (returns: how a helper re-expressed it). */
  vars: Record<string, VarRef>;
  /** Device expressions copied into a field, e.g. `tp->pci_dev = pdev`: field -> original. */
  aliases: Record<string, string>;
  /** Variables known to hold a constant on this path (e.g. a helper's `return 0`). */
  consts: Record<string, number>;
  /** What the last entered helper returned, until the caller assigns it. */
  ret?: { ref?: VarRef; value?: number };
  /** How a branch decided each checked allocation ended on this path. */
  settled: Record<number, Outcome>;
  /** Store status of each applied fact (a definite error has no success branch). */
  status: Record<number, StoreOutcome['status']>;
  /** Result interval of each applied allocation (map.index, vector count). */
  returns: Record<number, Interval>;
  /** Store before each allocation whose result is still unchecked (undone on its failure branch). */
  before: Record<number, { store: StoreState; seq: number }>;
  decisions: Record<string, boolean>;
  errorPath: boolean;
  /** An unfollowed cleanup-like call ran since the last allocation: leaks are not certain. */
  cleanup: boolean;
  /** Devices with a pci_msix_can_alloc_dyn() check seen on the path. */
  dyn: string[];
  /** Walking a function alone: devices whose state this walk knows (allocated or freed here). */
  known: string[];
  /** The allocation just applied without a receiving variable: `return pci_alloc_irq_vectors(...)` hands it to the caller. */
  unbound?: { id: number; api: string; store: StoreState; seq: number };
  /** A call the walk did not enter, and not a plain kernel helper, ran on this path (it may set up vectors). */
  unfollowed: boolean;
  seq: number;
  /** Cached signature; cleared by every change to the path. */
  sig?: string;
  /** Copy-on-write: the store may be shared with other paths until this one changes it. */
  ownsStore: boolean;
  /** Copy-on-write records this path owns (bits of path-parts.ts); the rest may be shared. */
  owned: number;
}

export interface AppliedEvent {
  kind: 'op';
  fact: MsiFact;
  device: string;
  deviceText: string;
  op: StoreOp;
  outcome: StoreOutcome;
  phase: Phase;
  /** The call sits under a branch condition the model could not read (its path may be infeasible). */
  unknownCond: boolean;
  /** Whether the device's earlier state is known on this path (false: function walked alone). */
  known: boolean;
  /** A lookup on the probe's own device with nothing allocated on the path and every call followed. */
  pristine: boolean;
  /** For lookups bounded by a returned count: the count's fact and whether the bound is inclusive. */
  boundByResult?: { fact: number; inclusive: boolean };
  state: StoreState;
}

export interface EndEvent {
  kind: 'end';
  phase: Phase;
  errorPath: boolean;
  cleanup: boolean;
  /** Ended by a return inside a branch (remove: an early `if (!priv) return;` guard). */
  inBranch: boolean;
  file: string;
  range: Range;
  function: string;
  state: StoreState;
}

export type ReplayEvent = AppliedEvent | EndEvent;

export interface ReplayHooks {
  factById(file: string, id: number): MsiFact | undefined;
  /** Qualifies a device key (renamed through frames) for the store, e.g. by driver file. */
  deviceKey(key: string): string;
  phase: Phase;
  sink(e: ReplayEvent): void;
  /** The device's default domain may exist outside the code seen (no creating call in its file). */
  domainOutside?(): boolean;
  /** Capabilities a topology gives a device, seeded before its first operation. */
  caps?(key: string, text: string): DeviceCaps | undefined;
  /** The probe's own `struct pci_dev *` parameter (qualified key): nothing is enabled on it at probe entry. */
  probeDevice?: string;
  /** Called for success ends of probe paths (they continue into remove). */
  onProbeSuccess?(s: PathState): void;
}
