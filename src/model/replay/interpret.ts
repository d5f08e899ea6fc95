// The replay interpreter: what the walk does at each fact, call and path end. It drives the
// allocator (src/model/store) on a per-path copy of its state, remembers which variable holds
// which call's result (so `if (ret < 0) return ret;` can undo a failed allocation), and reports
// each applied operation and each path end to a sink. It raises no findings itself.
import type { MsiFact, Range } from '../../facts/types';
import type { SourceSite } from '../snapshot';
import type { Block, DeviceCaps, Interval, Outcome as StoreOutcome, StoreOp, StoreState } from '../store/types';
import { apiOp, isAllocation } from './api-ops';
import type { Outcome } from './outcome';
import type { Resolve, ResultRef } from './outcome';
import { applyOp, cloneStore, seedDevice } from './store-port';
import { toStoreOp } from './to-op';
import { renameRoot, type Frame, type Interpreter } from './walk';

export type Phase = 'probe' | 'remove' | 'alone';

export interface PathState {
  store: StoreState;
  /** Variable -> id of the fact whose result it holds. */
  vars: Record<string, number>;
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
  seq: number;
}

export interface AppliedEvent {
  kind: 'op';
  fact: MsiFact;
  device: string;
  deviceText: string;
  op: StoreOp;
  outcome: StoreOutcome;
  phase: Phase;
  /** Whether the device's earlier state is known on this path (false: function walked alone). */
  known: boolean;
  /** For lookups bounded by a returned count: the count's fact and whether the bound is inclusive. */
  boundByResult?: { fact: number; inclusive: boolean };
  state: StoreState;
}

export interface EndEvent {
  kind: 'end';
  phase: Phase;
  errorPath: boolean;
  cleanup: boolean;
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
  /** Capabilities a topology gives a device, seeded before its first operation. */
  caps?(key: string, text: string): DeviceCaps | undefined;
  /** Called for success ends of probe paths (they continue into remove). */
  onProbeSuccess?(s: PathState): void;
}

const cleanupName = /(?:free|release|disable|cleanup|clean_up|teardown|tear_down|remove|destroy|deinit|uninit|unregister|shutdown|stop|exit|devm_add_action|put)/i;
const successLabel = /^(?:out|done|exit|end|finish|unlock|out_unlock|ok|success)$/i;

function devOf(fact: MsiFact, frame: Frame, hooks: ReplayHooks): { key: string; text: string } | undefined {
  if (!fact.device) return undefined;
  const key = renameRoot(fact.device.key, frame.rename);
  return { key: hooks.deviceKey(key), text: renameRoot(fact.device.text, frame.rename) };
}

function resultRef(fact: MsiFact, id: number): ResultRef {
  return { fact: id, returns: apiOp(fact.api).returns, minOk: fact.min?.value ?? 1 };
}

export function newPathState(store: StoreState): PathState {
  return { store, vars: {}, returns: {}, before: {}, decisions: {}, errorPath: false, cleanup: false, dyn: [], known: [], seq: 0 };
}

export class ReplayInterpreter implements Interpreter<PathState> {
  constructor(private readonly hooks: ReplayHooks) {}

  clone(s: PathState): PathState {
    return {
      ...s, store: cloneStore(s.store), vars: { ...s.vars }, returns: { ...s.returns }, before: { ...s.before },
      decisions: { ...s.decisions }, dyn: [...s.dyn], known: [...s.known],
    };
  }

  signature(s: PathState): string {
    return JSON.stringify([s.store.devices, s.vars, s.returns, s.decisions, s.errorPath, s.cleanup, s.dyn, s.known, Object.keys(s.before)]);
  }

  private factOf(frame: Frame, id: number): MsiFact | undefined {
    return this.hooks.factById(frame.fn.file, id);
  }

  fact(s: PathState, id: number, frame: Frame): void {
    const fact = this.factOf(frame, id);
    if (!fact) return;
    const dev = devOf(fact, frame, this.hooks);
    if (!dev) return;
    const spec = apiOp(fact.api);
    if (spec.op === 'query-dyn') {
      if (!s.dyn.includes(dev.key)) s.dyn.push(dev.key);
      return;
    }
    const site: SourceSite = { file: fact.file, range: fact.range, function: fact.function, api: fact.api };
    const mapVar = fact.args[1]?.replace(/^\*/, '').trim();
    const mapFact = mapVar !== undefined ? s.vars[mapVar] : undefined;
    const op = toStoreOp(fact, {
      device: dev.key, site, dynGuarded: s.dyn.includes(dev.key),
      mapIndex: mapFact !== undefined ? s.returns[mapFact] : undefined,
    });
    if (!op) return;
    const caps = s.store.devices[dev.key] ? undefined : this.hooks.caps?.(dev.key, dev.text);
    if (caps) seedDevice(s.store, dev.key, caps);
    const known = this.hooks.phase !== 'alone' || s.known.includes(dev.key);
    const boundByResult = this.loopBound(s, fact);
    if (fact.result && isAllocation(spec.op)) s.before[id] = { store: cloneStore(s.store), seq: s.seq };
    const outcome = applyOp(s.store, op);
    s.seq++;
    if (fact.result) s.vars[fact.result.replace(/^\*/, '')] = id;
    if (outcome.returns) s.returns[id] = outcome.returns;
    if (isAllocation(spec.op) || op.op === 'pci-disable' || op.op === 'platform-free' || op.op === 'fsl-mc-free' || op.op === 'free-all') {
      if (!s.known.includes(dev.key)) s.known.push(dev.key);
      if (isAllocation(spec.op)) s.cleanup = false;
    }
    this.hooks.sink({
      kind: 'op', fact, device: dev.key, deviceText: dev.text, op, outcome, phase: this.hooks.phase, known,
      boundByResult, state: cloneStore(s.store),
    });
  }

  /** `for (i = 0; i < n; i++) pci_irq_vector(pdev, i)` with n holding an allocation's count. */
  private loopBound(s: PathState, fact: MsiFact): { fact: number; inclusive: boolean } | undefined {
    const lb = fact.index?.loopBound;
    if (!lb) return undefined;
    const id = s.vars[lb.bound.trim()];
    return id === undefined ? undefined : { fact: id, inclusive: lb.inclusive };
  }

  settle(s: PathState, fact: number, outcome: Outcome): void {
    const saved = s.before[fact];
    delete s.before[fact];
    if (outcome === 'failed' && saved && saved.seq === s.seq - 1) {
      s.store = saved.store;
      delete s.returns[fact];
    }
  }

  resolver(s: PathState, frame: Frame): Resolve {
    return (operand) => {
      const direct = operand.fact !== undefined ? this.factOf(frame, operand.fact) : undefined;
      if (direct && operand.fact !== undefined) return { ref: resultRef(direct, operand.fact) };
      const text = (operand.variable ?? operand.text).trim();
      const m = /^(.*?)(?:\.|->)(index|virq)$/.exec(text);
      const name = m ? m[1]! : text;
      const id = s.vars[name];
      if (id === undefined) return undefined;
      const fact = this.factOf(frame, id);
      if (!fact) return undefined;
      return m ? { ref: resultRef(fact, id), field: m[2] as 'index' | 'virq' } : { ref: resultRef(fact, id) };
    };
  }

  opaqueCall(s: PathState, name: string, _args: string[], _frame: Frame): void {
    if (cleanupName.test(name)) s.cleanup = true;
  }

  assign(s: PathState, target: string, source: string, _frame: Frame): void {
    // A variable that held a result now holds something else (unless it was that call).
    const t = target.replace(/^\*/, '').trim();
    if (s.vars[t] !== undefined && !/^[A-Za-z_]\w*\s*\(/.test(source)) delete s.vars[t];
  }

  took(s: PathState, _how: 'goto', label?: string): void {
    if (!label || !successLabel.test(label)) s.errorPath = true;
  }

  decision(s: PathState, key: string): boolean | undefined {
    return s.decisions[key];
  }

  decide(s: PathState, key: string, value: boolean): void {
    s.decisions[key] = value;
  }

  end(s: PathState, _how: 'return' | 'fallthrough', value: string | undefined, range: Range | undefined, frame: Frame, inBranch: boolean): void {
    const v = value?.trim();
    const errorReturn =
      v !== undefined && (/^-\s*[A-Z0-9]/.test(v) || /^ERR_PTR\s*\(/.test(v) || (inBranch && !/^(?:0|true|NULL|IRQ_\w+)$/.test(v)));
    const errorPath = s.errorPath || errorReturn;
    if (this.hooks.phase === 'probe' && !errorPath && this.hooks.onProbeSuccess) {
      this.hooks.onProbeSuccess(s);
      return;
    }
    this.hooks.sink({
      kind: 'end', phase: this.hooks.phase, errorPath, cleanup: s.cleanup, file: frame.fn.file,
      range: range ?? { line: frame.fn.bodyRange.endLine, column: Math.max(1, frame.fn.bodyRange.endColumn - 1), endLine: frame.fn.bodyRange.endLine, endColumn: frame.fn.bodyRange.endColumn },
      function: frame.fn.name, state: s.store,
    });
  }
}

/** Definite blocks of a device that nothing frees at detach (unmanaged). */
export function liveAtDetach(state: StoreState, device: string): Block[] {
  const d = state.devices[device];
  if (!d || d.managed === 'yes' || d.pcimRelease !== 'no') return [];
  return d.domains.flatMap((dom) => dom.blocks.filter((b) => b.certainty === 'definite'));
}
