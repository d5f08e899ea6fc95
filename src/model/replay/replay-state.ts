// The replay's data: the state one path carries through the walk, and the events the
// interpreter reports (an applied store operation, a path end) to the check layer.
import type { FunctionInfo, MsiFact, Range } from '../../facts/types';
import type { DeviceCaps, Interval, Outcome as StoreOutcome, StoreOp, StoreState } from '../store/types';
import type { Outcome } from './outcome';
import type { Val } from './values';

export type Phase = 'probe' | 'remove' | 'alone';

export interface PathState {
  store: StoreState;
  /** Locations (scoped per activation: `3:ret`, `3:priv.flags`) -> their value on this path. */
  env: Map<string, Val>;
  /** Locations passed as an allocation's max_vecs and not written since: location -> that fact. */
  requests: Record<string, number>;
  /** Objects that came zeroed from their allocator (kzalloc): an unwritten field reads 0. */
  zeroed: string[];
  /** Device expressions copied into a field, e.g. `tp->pci_dev = pdev`: field -> original. */
  aliases: Record<string, string>;
  /** Values of the calls just made (activation:line:column), read by the statement using them. */
  calls: Record<string, Val>;
  /** What the last entered helper returned, until the caller binds it. */
  ret?: Val;
  /** The object location the last entered helper returned (`return netdev_priv(dev);`), likewise. */
  retObject?: string;
  /** How a branch decided each allocation ended on this path (its outcome symbol). */
  settled: Record<number, Outcome>;
  /** Store status of each applied fact (a definite error has no success branch). */
  status: Record<number, StoreOutcome['status']>;
  /** Result interval of each applied allocation (map.index, vector count). */
  returns: Record<number, Interval>;
  /** Store before each allocation whose outcome is still open (restored on its failure branch). */
  before: Record<number, { store: StoreState; seq: number }>;
  /** Conditions the model cannot evaluate, by key: the branch this path took (tested again later). */
  decisions: Record<string, boolean>;
  errorPath: boolean;
  /** Where this path left the success flow after the last allocation: the goto or return taken. */
  exit?: { range: Range; label?: string };
  /** An unfollowed cleanup-like call ran since the last allocation (its name): leaks are not certain. */
  cleanup: string;
  /** A devres action that frees the vectors was registered (devm_add_action): detach releases them. */
  released?: boolean;
  /** remove took a branch on a value it does not know (probe may have decided it). */
  guessed?: boolean;
  /** Devices with a pci_msix_can_alloc_dyn() check seen on the path. */
  dyn: string[];
  /** Walking a function alone: devices whose state this walk knows (allocated or freed here). */
  known: string[];
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
  /** The device's whole MSI-X table was allocated (min = max = pci_msix_vec_count()): fixed vectors exist. */
  wholeTable: boolean;
  /** For lookups in a loop bounded by an allocation's requested max_vecs (it may grant fewer): that allocation. */
  boundByRequest?: MsiFact;
  state: StoreState;
}

export interface EndEvent {
  kind: 'end';
  phase: Phase;
  errorPath: boolean;
  /** An unfollowed cleanup-like call on the path that may have freed the vectors ('' when none). */
  cleanup: string;
  /** The goto or return that left the success flow (the leak's branch). */
  exit?: { range: Range; label?: string };
  /** A devres action that frees the vectors was registered on the path. */
  released: boolean;
  /** remove took a branch on a value it does not know on this path. */
  guessed: boolean;
  /** The path is an error path only if this holds (e.g. "setup() fails" for `return setup(x);`). */
  assumed?: string;
  /** Ended by a return inside a branch (remove: an early `if (!priv) return;` guard). */
  inBranch: boolean;
  /** The function returned an errno on this path (the value is known to be negative). */
  failed?: boolean;
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
  /**
   * Whether a function the walk did not enter can free vectors: false when its body is known and
   * nothing it reaches frees any; undefined when its body is not known.
   */
  mayFree?(name: string, from: FunctionInfo): boolean | undefined;
  /** Called for success ends of probe paths (they continue into remove). */
  onProbeSuccess?(s: PathState): void;
}
