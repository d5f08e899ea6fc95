// The replay interpreter: what the walk does at each fact, call and path end. It drives the
// allocator (src/model/store) on a per-path copy of its state, remembers which variable holds
// which call's result (so `if (ret < 0) return ret;` can undo a failed allocation), and reports
// each applied operation and each path end to a sink. It raises no findings itself.
import type { Cond, MsiFact, Range } from '../../facts/types';
import type { SourceSite } from '../snapshot';
import type { StoreOp, StoreState } from '../store/types';
import { apiOp, isAllocation } from './api-ops';
import type { Outcome, Resolve, ResultRef } from './outcome';
import type { PathState, ReplayHooks } from './replay-state';
import { applyOp, cloneStore, seedDefaultDomain, seedDevice } from './store-port';
import { canonical, constDecision, constOf, decidedValue, deviceOnly, isCleanupCall, storeSignature, storeSigs } from './path-values';
import { SignatureTable, dropKey, forkPath, pathSignature, writable as own } from './path-parts';
export { isCleanupCall, liveAtDetach } from './path-values';
import { toStoreOp } from './to-op';
import { isKernelHelper } from './kernel-calls';
import { deviceKeyOf, renameRoot } from './device-text';
import type { Frame, Interpreter } from './walk';

const successLabel = /^(?:out|done|exit|end|finish|unlock|out_unlock|ok|success)$/i;

function devOf(fact: MsiFact, frame: Frame, hooks: ReplayHooks, aliases: Record<string, string>): { key: string; text: string } | undefined {
  if (!fact.device) return undefined;
  const key = canonical(renameRoot(fact.device.key, frame.rename), aliases);
  return { key: hooks.deviceKey(key), text: fact.device.text };
}

function resultRef(fact: MsiFact, id: number): ResultRef {
  const ref: ResultRef = { fact: id, returns: apiOp(fact.api).returns, minOk: fact.min?.value ?? 1 };
  if (fact.max?.value !== undefined) ref.maxOk = fact.max.value;
  if (fact.min && fact.max && fact.min.text === fact.max.text) ref.exactText = fact.min.text.trim();
  return ref;
}

export function newPathState(store: StoreState): PathState {
  return { store, vars: {}, aliases: {}, consts: {}, settled: {}, status: {}, returns: {}, before: {}, decisions: {}, errorPath: false, cleanup: false, dyn: [], known: [], unfollowed: false, seq: 0, ownsStore: true, owned: -1 };
}

export class ReplayInterpreter implements Interpreter<PathState> {
  private readonly signatures = new SignatureTable();

  constructor(private readonly hooks: ReplayHooks) {}

  clone(s: PathState): PathState {
    return forkPath(s);
  }

  signature(s: PathState): string {
    return s.sig ?? pathSignature(s, this.signatures, storeSignature(s.store));
  }

  /** `unfollowed` is left out of the signature (it would split paths); a merge keeps it if either had it. */
  absorb(kept: PathState, dropped: PathState): void {
    if (dropped.unfollowed) kept.unfollowed = true;
  }

  private factOf(frame: Frame, id: number): MsiFact | undefined {
    return this.hooks.factById(frame.fn.file, id);
  }

  fact(s: PathState, id: number, frame: Frame, unknownCond: boolean): void {
    s.sig = undefined;
    const fact = this.factOf(frame, id);
    if (!fact) return;
    const dev = devOf(fact, frame, this.hooks, s.aliases);
    if (!dev) return;
    const spec = apiOp(fact.api);
    if (spec.op === 'query-dyn') {
      if (!s.dyn.includes(dev.key)) own(s, 'dyn').push(dev.key);
      return;
    }
    const site: SourceSite = { file: fact.file, range: fact.range, function: fact.function, api: fact.api };
    const mapVar = fact.args[1]?.replace(/^\*/, '').trim();
    const mapFact = mapVar !== undefined ? s.vars[mapVar]?.id : undefined;
    const op = toStoreOp(fact, {
      device: dev.key, site, dynGuarded: s.dyn.includes(dev.key),
      mapIndex: mapFact !== undefined ? s.returns[mapFact] : undefined,
    });
    if (!op) return;
    const writable = (): StoreState => {
      if (!s.ownsStore) { s.store = cloneStore(s.store); s.ownsStore = true; }
      storeSigs.delete(s.store);
      return s.store;
    };
    if (!s.store.devices[dev.key]) {
      const caps = this.hooks.caps?.(dev.key, dev.text);
      if (caps) seedDevice(writable(), dev.key, caps);
      if (fact.device?.class !== 'pci' && this.hooks.domainOutside?.()) seedDefaultDomain(writable(), dev.key);
    }
    // The model knows a device's state once this walk allocated on it or freed all of it;
    // before that (a helper walked alone, a device probe never touched) it is unknown.
    const resets = isAllocation(spec.op) || (op.op === 'pci-disable' && op.mode === 'all') || op.op === 'platform-free' || op.op === 'fsl-mc-free' || op.op === 'free-all';
    const pristine = !s.known.includes(dev.key) && this.pristine(s, dev.key, op);
    const known = s.known.includes(dev.key) || (resets && this.hooks.phase !== 'alone') || pristine;
    const boundByResult = this.loopBound(s, fact);
    s.unbound = undefined;
    if (fact.result && isAllocation(spec.op)) {
      own(s, 'before')[id] = { store: s.store, seq: s.seq };
      s.ownsStore = false;
    } else if (isAllocation(spec.op)) {
      s.unbound = { id, api: fact.api, store: s.store, seq: s.seq };
      s.ownsStore = false;
    }
    const outcome = applyOp(writable(), op);
    s.seq++;
    own(s, 'status')[id] = outcome.status;
    if (fact.result) {
      const v = fact.result.replace(/^\*/, '');
      own(s, 'vars')[v] = { id };
      dropKey(s, 'consts', v);
    }
    if (outcome.returns) own(s, 'returns')[id] = outcome.returns;
    if (resets) {
      if (!s.known.includes(dev.key)) own(s, 'known').push(dev.key);
      if (isAllocation(spec.op)) s.cleanup = false;
    }
    this.hooks.sink({
      kind: 'op', fact, device: dev.key, deviceText: dev.text, op, outcome, phase: this.hooks.phase, known, pristine, unknownCond,
      boundByResult, state: deviceOnly(s.store, dev.key),
    });
  }

  /**
   * A lookup on the probe's own PCI device before anything was allocated on it: the driver core
   * hands probe a device with neither MSI nor MSI-X enabled, so the state is known to be empty,
   * as long as no call the walk could not follow may have set up vectors in between.
   */
  private pristine(s: PathState, key: string, op: StoreOp): boolean {
    if (op.op !== 'pci-irq-vector' || this.hooks.phase !== 'probe' || s.unfollowed) return false;
    return key === this.hooks.probeDevice && (s.store.devices[key]?.pciModes ?? ['none']).every((m) => m === 'none');
  }

  /** `for (i = 0; i < n; i++) pci_irq_vector(pdev, i)` with n holding an allocation's count. */
  private loopBound(s: PathState, fact: MsiFact): { fact: number; inclusive: boolean } | undefined {
    const lb = fact.index?.loopBound;
    if (!lb) return undefined;
    const id = s.vars[lb.bound.trim()]?.id;
    return id === undefined ? undefined : { fact: id, inclusive: lb.inclusive };
  }

  settle(s: PathState, fact: number, outcome: Outcome): boolean {
    s.sig = undefined;
    if (outcome === 'ok' && s.status[fact] === 'error') return false;
    if (s.settled[fact] !== undefined && s.settled[fact] !== outcome) return false;
    own(s, 'settled')[fact] = outcome;
    const saved = s.before[fact];
    dropKey(s, 'before', fact);
    if (outcome === 'failed' && saved && saved.seq === s.seq - 1) {
      s.store = saved.store;
      s.ownsStore = false;
      dropKey(s, 'returns', fact);
    }
    return true;
  }

  resolver(s: PathState, frame: Frame): Resolve {
    return (operand) => {
      const direct = operand.fact !== undefined ? this.factOf(frame, operand.fact) : undefined;
      if (direct && operand.fact !== undefined) return { ref: resultRef(direct, operand.fact) };
      const text = (operand.variable ?? operand.text).trim();
      const m = /^(.*?)(?:\.|->)(index|virq)$/.exec(text);
      const name = m ? m[1]! : text;
      const v = s.vars[name];
      if (v === undefined) return undefined;
      const fact = this.factOf(frame, v.id);
      if (!fact) return undefined;
      const ref = resultRef(fact, v.id);
      if (v.returns) ref.returns = v.returns;
      return m ? { ref, field: m[2] as 'index' | 'virq' } : { ref };
    };
  }

  opaqueCall(s: PathState, name: string, args: string[], frame: Frame): void {
    s.sig = undefined;
    if (name === 'pcim_enable_device' && args[0]) {
      const key = this.hooks.deviceKey(canonical(renameRoot(deviceKeyOf(args[0]), frame.rename), s.aliases));
      const site: SourceSite = { file: frame.fn.file, range: frame.fn.range, function: frame.fn.name, api: name };
      if (!s.ownsStore) { s.store = cloneStore(s.store); s.ownsStore = true; }
      storeSigs.delete(s.store);
      applyOp(s.store, { op: 'pci-managed', device: key, site });
      return;
    }
    // A call through a pointer (`p->ops->setup`) is never a plain helper; its name says nothing
    // about cleanup either, so it only makes the device's state unknown.
    const indirect = !/^[A-Za-z_]\w*$/.test(name);
    if (!indirect && isCleanupCall(name)) s.cleanup = true;
    if (indirect || !isKernelHelper(name)) s.unfollowed = true;
  }

  assign(s: PathState, target: string, source: string, frame: Frame): void {
    s.sig = undefined;
    const t = target.replace(/^\*/, '').trim();
    const fromCall = /^[A-Za-z_]\w*\s*\(/.test(source);
    const ret = s.ret;
    s.ret = undefined;
    if (fromCall && ret) {
      // `ret = helper(...)`: the helper's return value, as far as it is known.
      dropKey(s, 'vars', t);
      dropKey(s, 'consts', t);
      if (ret.ref) own(s, 'vars')[t] = ret.ref;
      if (ret.value !== undefined) own(s, 'consts')[t] = ret.value;
      return;
    }
    if (fromCall) {
      // An unfollowed call overwrote the variable: whatever it held is gone.
      dropKey(s, 'vars', t);
      dropKey(s, 'consts', t);
      return;
    }
    const c = constOf(source);
    dropKey(s, 'vars', t);
    dropKey(s, 'consts', t);
    // `priv->pdev = pdev`: later calls through the field act on the same device.
    if (/->|\./.test(t) && /^&?\s*[A-Za-z_][\w>.-]*$/.test(source.trim())) {
      const from = canonical(renameRoot(t, frame.rename), s.aliases);
      const to = canonical(renameRoot(deviceKeyOf(source), frame.rename), s.aliases);
      if (from !== to) own(s, 'aliases')[from] = to;
    }
    if (c !== undefined) own(s, 'consts')[t] = c;
    else if (s.vars[source.trim()]) own(s, 'vars')[t] = s.vars[source.trim()]!;
  }

  returned(s: PathState, value: string | undefined, _frame: Frame): void {
    s.sig = undefined;
    const v = value?.trim();
    // `return pci_alloc_irq_vectors(...);`: the caller's variable holds that call's result, and
    // its failure branch undoes the allocation as if the helper had checked it.
    const u = s.unbound;
    s.unbound = undefined;
    if (v !== undefined && u && new RegExp(`^${u.api}\\s*\\(`).test(v)) {
      s.ret = { ref: { id: u.id } };
      own(s, 'before')[u.id] = { store: u.store, seq: u.seq };
      return;
    }
    // `return f(x);`: f was just entered and left its own return value in s.ret.
    if (v !== undefined && /^[A-Za-z_]\w*\s*\(/.test(v)) return;
    s.ret = undefined;
    if (v === undefined) return;
    const c = constOf(v) ?? s.consts[v] ?? decidedValue(s.decisions, v);
    if (c !== undefined) { s.ret = { value: c }; return; }
    if (s.vars[v]) { s.ret = { ref: s.vars[v]! }; return; }
    // `n < 0 ? n : 0`: the helper turns a count into 0-or-errno.
    const m = /^\(?\s*([A-Za-z_][\w.>-]*)\s*<\s*0\s*\)?\s*\?\s*\1\s*:\s*0$/.exec(v);
    if (m && s.vars[m[1]!]) s.ret = { ref: { id: s.vars[m[1]!]!.id, returns: 'zero' } };
  }

  took(s: PathState, _how: 'goto', label?: string): void {
    s.sig = undefined;
    if (!label || !successLabel.test(label)) s.errorPath = true;
  }

  decision(s: PathState, key: string, cond: Cond, frame: Frame): { value: boolean | undefined; readable: boolean } {
    const c = constDecision(cond, s.consts) ?? this.modeDecision(s, cond, frame);
    return c !== undefined ? { value: c, readable: true } : { value: s.decisions[key], readable: false };
  }

  decide(s: PathState, key: string, value: boolean): void {
    s.sig = undefined;
    own(s, 'decisions')[key] = value;
  }

  /** Whether a returned value is an error, when the path tells: a constant, a checked result. */
  private returnKnown(s: PathState, v: string): boolean | undefined {
    const fromCall = /^[A-Za-z_]\w*\s*\(/.test(v);
    const c = fromCall ? s.ret?.value : constOf(v) ?? s.consts[v] ?? decidedValue(s.decisions, v);
    if (c !== undefined) return c < 0;
    const ref = fromCall ? s.ret?.ref : s.vars[v];
    const settled = ref ? s.settled[ref.id] : undefined;
    return settled === undefined ? undefined : settled === 'failed';
  }

  /** `if (pdev->msix_enabled)`: read from the store when this walk knows the device's mode. */
  private modeDecision(s: PathState, cond: Cond, frame: Frame): boolean | undefined {
    if (cond.t === 'not') {
      const v = this.modeDecision(s, cond.a, frame);
      return v === undefined ? undefined : !v;
    }
    if (cond.t !== 'truth') return undefined;
    const m = /^(.+?)\s*(?:->|\.)\s*(msix_enabled|msi_enabled)$/.exec(cond.operand.text.trim());
    if (!m) return undefined;
    const key = this.hooks.deviceKey(canonical(renameRoot(deviceKeyOf(m[1]!), frame.rename), s.aliases));
    const modes = s.store.devices[key]?.pciModes;
    if (!modes || !s.known.includes(key)) return undefined;
    const want = m[2] === 'msix_enabled' ? 'msix' : 'msi';
    return modes.every((x) => x === want) ? true : modes.every((x) => x !== want) ? false : undefined;
  }

  end(s: PathState, _how: 'return' | 'fallthrough', value: string | undefined, range: Range | undefined, frame: Frame, inBranch: boolean): void {
    const v = value?.trim();
    const known = v === undefined ? undefined : this.returnKnown(s, v);
    const errorReturn =
      known !== undefined ? known :
      v !== undefined && (/^-\s*[A-Z0-9]/.test(v) || /^ERR_PTR\s*\(/.test(v) || (inBranch && !/^(?:0|true|NULL|IRQ_\w+)$/.test(v)));
    // `return 0;` is success even after a goto (labels such as skip_foo are not unwinding).
    const errorPath = known === false ? false : s.errorPath || errorReturn;
    if (this.hooks.phase === 'probe' && !errorPath && this.hooks.onProbeSuccess) {
      this.hooks.onProbeSuccess(s);
      return;
    }
    this.hooks.sink({
      kind: 'end', phase: this.hooks.phase, errorPath, cleanup: s.cleanup, inBranch, file: frame.fn.file,
      range: range ?? { line: frame.fn.bodyRange.endLine, column: Math.max(1, frame.fn.bodyRange.endColumn - 1), endLine: frame.fn.bodyRange.endLine, endColumn: frame.fn.bodyRange.endColumn },
      function: frame.fn.name, state: s.store,
    });
  }
}
