// The replay interpreter: the semantics the walk runs at each statement. It drives the
// allocator (src/model/store) on a per-path copy of its state, binds values to locations
// (evaluate.ts), gives each allocation's result an outcome symbol that branches settle (a
// failed allocation is undone on its failure branch), and reports each applied operation and
// each path end to a sink. It raises no findings itself.
import type { Cond, Expr, MsiFact, Range } from '../../facts/types';
import type { SourceSite } from '../../vocabulary/source-site';
import type { StoreState } from '../store/types';
import { apiOp, isAllocation } from './api-ops';
import type { Outcome } from './outcome';
import type { PathState, ReplayHooks } from './replay-state';
import { applyOp, seedDefaultDomain, seedDevice } from './store-port';
import { canonical, deviceOnly, storeSignature } from './path-values';
import { SignatureTable, dropKey, forkPath, pathSignature, writable as own } from './path-parts';
import { bind, forgetLocals, havocLocations, writableStore } from './path-locations';
import { afterCall, enterCall, unseenCall } from './call-effects';
import { isCapabilityQuery, refined } from './branch-effects';
import type { EffectContext } from './effect-context';
import { loopBound, pristine, requestBound } from './index-bounds';
export { isCleanupCall, liveAtDetach } from './path-values';
import { toStoreOp } from './to-op';
import { devicePathKey, pathKey, renameKeyRoot } from './device-key';
import { ImpossibleTests, type ImpossibleTest } from './impossible-tests';
import type { Frame, Interpreter, Of } from './walk-interface';
import { readArguments } from './fact-arguments';
import { Evaluator, callSlot, locOf, pointee, type EvalHooks } from './evaluate';
import { errnoRange, isRes, isTop, num, top, under, type Num } from './values';
import { enabledTableSize, resultValue, tableSize, wholeTableKey } from './call-results';
import { objectOf } from './object-accessors';

const successLabel = /^(?:out|done|exit|end|finish|unlock|out_unlock|ok|success)$/i;

function devOf(fact: MsiFact, frame: Frame, hooks: ReplayHooks, aliases: Record<string, string>): { key: string; text: string } | undefined {
  if (!fact.device) return undefined;
  const key = canonical(renameKeyRoot(fact.device.key, frame.rename), aliases);
  // A PCI device kept in a driver structure (`ioa_cfg->pdev`) is, in a PCI driver's probe and
  // remove, the device being probed: the store of `pdev` (the copy may be made where the walk
  // cannot see, e.g. an init helper in another file).
  if (hooks.probeDevice && fact.device.class === 'pci' && /->|\./.test(key)) return { key: hooks.probeDevice, text: fact.device.text };
  return { key: hooks.deviceKey(key), text: fact.device.text };
}

export interface InterpreterOptions {
  /** Whether a decision on an unreadable condition is worth remembering (it is tested again). */
  keepDecision(key: string): boolean;
  /** Remove phase: fields probe set are visible by their member path. */
  inherited?: boolean;
}

export class ReplayInterpreter implements Interpreter<PathState> {
  private readonly signatures = new SignatureTable();
  /** Allocations (file#id) whose result some path read: the rest were never checked. */
  readonly usedResults = new Set<string>();
  /** Per `if` site: a test no outcome passed on a path, and whether some path may pass it. */
  private readonly tests = new ImpossibleTests();

  /** What the call and branch effects (call-effects.ts, branch-effects.ts) use of this interpreter. */
  private readonly effects: EffectContext;

  constructor(
    private readonly hooks: ReplayHooks,
    private readonly opts: InterpreterOptions,
  ) {
    this.effects = {
      hooks,
      usedResults: this.usedResults,
      keepDecision: (key) => opts.keepDecision(key),
      evaluator: (s, frame) => this.evaluator(s, frame),
      factOf: (frame, id) => this.factOf(frame, id),
    };
  }

  fork(s: PathState): PathState {
    return forkPath(s);
  }

  key(s: PathState): string {
    return s.sig ?? pathSignature(s, this.signatures, storeSignature(s.store));
  }

  /** A path with vectors allocated on some device matters more than one with none (it can leak). */
  priority(s: PathState): number {
    return Object.values(s.store.devices).some((d) => d.domains.some((dom) => dom.blocks.length > 0)) ? 1 : 0;
  }

  /** `unfollowed` and `exit` are left out of the key (they would split paths); a merge keeps them. */
  join(kept: PathState, dropped: PathState): void {
    if (dropped.unfollowed) kept.unfollowed = true;
    if (dropped.guessed) kept.guessed = true;
    kept.exit ??= dropped.exit;
  }

  private factOf(frame: Frame, id: number): MsiFact | undefined {
    return this.hooks.factById(frame.fn.file, id);
  }

  private evaluator(s: PathState, frame: Frame, assumed: Record<number, Outcome> = {}): Evaluator {
    const hooks: EvalHooks = {
      modeBit: (base, field) => this.modeBit(s, base, field, frame),
      inherited: this.opts.inherited,
      used: (res) => void this.usedResults.add(`${res.file}#${res.fact}`),
    };
    return new Evaluator(s, frame, hooks, assumed);
  }

  // ---- facts -------------------------------------------------------------------------------

  fact(s: PathState, st: Of<'fact'>, frame: Frame, unknownCond: boolean): boolean {
    s.sig = undefined;
    // Whatever the call is, it overwrites what receives its result (the store op binds it again).
    const target = st.lvalue ? locOf(st.lvalue, frame) : undefined;
    const id = st.id;
    const found = this.factOf(frame, id);
    const args = found && readArguments(found, st, s, frame, this.evaluator(s, frame));
    if (args?.nullDevice) return false;
    if (target) bind(s, target, found?.api === 'pci_msix_vec_count' ? tableSize : top);
    if (!args) return true;
    const fact = args.fact;
    const dev = devOf(fact, frame, this.hooks, s.aliases);
    if (!dev) return true;
    if (target && fact.api === 'pci_msix_vec_count' && this.msixEnabled(s, dev.key)) bind(s, target, enabledTableSize);
    const spec = apiOp(fact.api);
    if (spec.op === 'query-dyn') {
      if (!s.dyn.includes(dev.key)) own(s, 'dyn').push(dev.key);
      return true;
    }
    const site: SourceSite = { file: fact.file, range: fact.range, function: fact.function, api: fact.api };
    const map = st.argExprs[1] ? this.evaluator(s, frame).value(st.argExprs[1].t === 'deref' ? st.argExprs[1].a : st.argExprs[1]) : undefined;
    const op = toStoreOp(fact, { device: dev.key, site, dynGuarded: s.dyn.includes(dev.key), mapIndex: map && isRes(map) ? s.returns[map.fact] : undefined });
    if (!op) return true;
    const writable = (): StoreState => writableStore(s);
    if (!s.store.devices[dev.key]) {
      const caps = this.hooks.caps?.(dev.key, dev.text);
      if (caps) seedDevice(writable(), dev.key, caps);
      if (fact.device?.class !== 'pci' && this.hooks.domainOutside?.()) seedDefaultDomain(writable(), dev.key);
    }
    // The model knows a device's state once this walk allocated on it or freed all of it;
    // before that (a helper walked alone, a device probe never touched) it is unknown.
    const alloc = isAllocation(spec.op);
    const resets = alloc || (op.op === 'pci-disable' && op.mode === 'all') || op.op === 'platform-free' || op.op === 'fsl-mc-free' || op.op === 'free-all';
    const atStart = !s.known.includes(dev.key) && pristine(s, dev.key, op, this.hooks.phase, this.hooks.probeDevice);
    const known = s.known.includes(dev.key) || (resets && this.hooks.phase !== 'alone') || atStart;
    const boundByResult = loopBound(s, fact, frame);
    const boundByRequest = boundByResult ? undefined : requestBound(s, fact, (i) => this.factOf(frame, i));
    if (alloc) {
      // A new run of the call: a new outcome symbol, undone on its failure branch.
      dropKey(s, 'settled', id);
      own(s, 'before')[id] = { store: s.store, seq: s.seq };
      s.ownsStore = false;
      s.cleanup = '';
      s.exit = undefined;
    }
    const outcome = applyOp(writable(), op);
    s.seq++;
    own(s, 'status')[id] = outcome.status;
    if (outcome.returns) own(s, 'returns')[id] = outcome.returns;
    const value = resultValue(fact, id) ?? (fact.api === 'pci_msix_vec_count' ? tableSize : top);
    const result = !isRes(value)
      ? value
      : args.exactOf !== undefined
        ? { ...value, exactOf: args.exactOf }
        : args.atLeastOf !== undefined
          ? { ...value, atLeastOf: args.atLeastOf }
          : value;
    if (alloc && args.wholeTable) own(s, 'env').set(wholeTableKey(dev.key), num(1));
    else if (resets) dropKey(s, 'env', wholeTableKey(dev.key));
    if (alloc && args.request !== undefined) own(s, 'requests')[args.request] = id;
    if (!isTop(result)) own(s, 'calls')[callSlot(frame, fact.callRange)] = result;
    if (target) bind(s, target, result);
    if (resets && !s.known.includes(dev.key)) own(s, 'known').push(dev.key);
    this.hooks.sink({
      kind: 'op',
      fact,
      device: dev.key,
      deviceText: dev.text,
      op,
      outcome,
      phase: this.hooks.phase,
      known,
      pristine: atStart,
      unknownCond,
      boundByResult,
      ...(boundByRequest ? { boundByRequest } : {}),
      wholeTable: s.env.get(wholeTableKey(dev.key)) !== undefined,
      state: deviceOnly(s.store, dev.key),
    });
    return true;
  }

  /** An allocation's outcome decided on this path; false when that cannot happen. */
  private settle(s: PathState, fact: number, outcome: Outcome): boolean {
    s.sig = undefined;
    if (outcome === 'ok' && s.status[fact] === 'error') return false;
    if (s.settled[fact] !== undefined) return s.settled[fact] === outcome;
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

  // ---- calls and assignments (call-effects.ts) ----------------------------------------------

  enter(s: PathState, st: Of<'call'>, callee: Frame, caller: Frame): void {
    enterCall(this.effects, s, st, callee, caller);
  }

  call(s: PathState, st: Of<'call'>, frame: Frame, callee?: Frame): void {
    afterCall(this.effects, s, st, frame, callee);
  }

  unseen(s: PathState, name: string, frame: Frame, args?: Expr[]): void {
    unseenCall(this.effects, s, name, frame, args);
  }

  assign(s: PathState, st: Of<'assign'>, frame: Frame): void {
    s.sig = undefined;
    // `priv->pdev = pdev`: later calls through the field act on the same device.
    if (st.lvalue.t === 'field' && (st.value.t === 'var' || st.value.t === 'field' || st.value.t === 'addr')) {
      const target = pathKey(st.lvalue, frame.rename);
      const local = st.value.t === 'var' ? s.aliases[`${frame.id}:${st.value.name}`] : undefined;
      const source = local ?? devicePathKey(st.value, frame.rename);
      if (target !== undefined && source !== undefined) {
        const from = canonical(target, s.aliases);
        const to = local ?? canonical(source, s.aliases);
        if (from !== to) own(s, 'aliases')[from] = to;
      }
    }
    // `struct device *dev = &pdev->dev;`: a field store of `dev` later (`mbox->dev = dev`) keeps
    // the device it names, which remove reaches through the field. Scoped to this activation.
    if (st.lvalue.t === 'var' && st.value.t === 'addr' && st.value.a.t === 'field' && st.value.a.name === 'dev') {
      const source = devicePathKey(st.value, frame.rename);
      if (source !== undefined) own(s, 'aliases')[`${frame.id}:${st.lvalue.name}`] = canonical(source, s.aliases);
    }
    const key = locOf(st.lvalue, frame);
    if (key === undefined) return;
    const ev = this.evaluator(s, frame);
    const compound = st.op.length === 2 && st.op.endsWith('=') ? st.op[0]! : st.op === '<<=' || st.op === '>>=' ? st.op.slice(0, 2) : undefined;
    const v = st.op === '=' ? ev.value(st.value) : compound ? ev.value({ t: 'binary', op: compound, left: st.lvalue, right: st.value }) : top;
    bind(s, key, v);
  }

  forget(s: PathState, locals: readonly string[], frame: Frame): void {
    forgetLocals(s, locals, frame);
  }

  havoc(s: PathState, lvalues: Expr[], frame: Frame): void {
    havocLocations(s, lvalues, frame);
  }

  // ---- branches ----------------------------------------------------------------------------

  decided(s: PathState, cond: Cond, frame: Frame): boolean | undefined {
    const ev = this.evaluator(s, frame);
    return ev.openFact(cond) === undefined ? ev.cond(cond) : undefined;
  }

  assume(s: PathState, cond: Cond, branch: boolean, frame: Frame, site?: Range): { states: PathState[]; read: boolean } {
    const ev = this.evaluator(s, frame);
    if (branch && site) this.tests.note(frame.fn.file, site, cond, (assumed) => this.evaluator(s, frame, assumed), this.hooks.factById);
    const fact = ev.openFact(cond);
    if (fact !== undefined) {
      // Split on the allocation's outcome where the branch tells them apart.
      const on = (o: Outcome, c: Cond = cond) => this.evaluator(s, frame, { [fact]: o }).cond(c);
      // `a && alloc()` false / `a || alloc()` true: where a decided, the call never ran, which
      // the store sees as a failure; so success takes this branch only through the call's side.
      const shortSide = (cond.t === 'and' && !branch) || (cond.t === 'or' && branch);
      const onlyRight = shortSide && (cond.t === 'and' || cond.t === 'or') && ev.openFact(cond.a) !== fact;
      const tOk =
        onlyRight && (cond.t === 'and' || cond.t === 'or')
          ? on('ok', cond.b) === branch
            ? branch
            : on('ok', cond.b) === undefined
              ? undefined
              : !branch
          : on('ok');
      const tFail = on('failed');
      const outs = (['ok', 'failed'] as const).filter((o) => (o === 'ok' ? tOk : tFail) !== !branch);
      if (outs.length === 2 && tOk === undefined && tFail === undefined) return refined(this.effects, s, cond, branch, frame, true);
      const states: PathState[] = [];
      outs.forEach((o, i) => {
        const c = i < outs.length - 1 ? this.fork(s) : s;
        if (this.settle(c, fact, o)) states.push(...this.assume(c, cond, branch, frame).states);
      });
      return { states, read: true };
    }
    const t = ev.cond(cond);
    if (t !== undefined) return { states: t === branch ? [s] : [], read: true };
    // `if (pci_msix_can_alloc_dyn(pdev))`: both answers are possible and the model knows what each
    // means (the guard is recorded with the query): the calls under it are not on an unread branch.
    return refined(this.effects, s, cond, branch, frame, isCapabilityQuery(this.effects, cond, frame));
  }

  /** Tests no outcome passes on any path (see impossible-tests.ts). */
  impossibleTests(): ImpossibleTest[] {
    return this.tests.all();
  }

  read(s: PathState, cond: Cond, frame: Frame): void {
    // A condition whose branches the walk skips: its values are still read (a result tested).
    this.evaluator(s, frame).cond(cond);
  }

  /** MSI-X vectors are allocated on the device on this path (so it has an MSI-X table). */
  private msixEnabled(s: PathState, key: string): boolean {
    const modes = s.store.devices[key]?.pciModes;
    return !!modes && modes.length > 0 && s.known.includes(key) && modes.every((x) => x === 'msix');
  }

  /** `pdev->msix_enabled`: read from the store when this walk knows the device's mode. */
  private modeBit(s: PathState, base: Expr, field: 'msi_enabled' | 'msix_enabled', frame: Frame): Num | undefined {
    const path = devicePathKey(base, frame.rename);
    if (path === undefined) return undefined;
    const key = this.hooks.deviceKey(canonical(path, s.aliases));
    const modes = s.store.devices[key]?.pciModes;
    if (!modes || !s.known.includes(key)) return undefined;
    const want = field === 'msix_enabled' ? 'msix' : 'msi';
    return modes.every((x) => x === want) ? num(1) : modes.every((x) => x !== want) ? num(0) : undefined;
  }

  // ---- leaving -----------------------------------------------------------------------------

  goto(s: PathState, st: Of<'goto'>, _frame: Frame): void {
    s.sig = undefined;
    if (!successLabel.test(st.label)) {
      s.errorPath = true;
      s.exit ??= { range: st.range, label: st.label };
    }
  }

  returned(s: PathState, st: Of<'return'> | undefined, frame: Frame): void {
    s.sig = undefined;
    s.ret = st?.expr ? this.evaluator(s, frame).value(st.expr) : undefined;
    // `return netdev_priv(dev);` (a driver's own getter), `return dev;` (niu_alloc_and_init's
    // net_device, whose netdev_priv() it filled): the caller's local names that object.
    const e = st?.expr;
    s.retObject = e?.t === 'call' ? objectOf(e.name, e.args, frame, s.aliases) : e?.t === 'var' ? pointee(e, frame) : undefined;
  }

  end(s: PathState, st: Of<'return'> | undefined, frame: Frame, inBranch: boolean): void {
    const v = st?.expr ? this.evaluator(s, frame).value(st.expr) : undefined;
    // `return pci_alloc_irq_vectors(...)` / `return helper(...)`: the caller sees both outcomes.
    if (v && isRes(v) && s.settled[v.fact] === undefined) {
      for (const o of ['ok', 'failed'] as const) {
        const c = o === 'ok' ? this.fork(s) : s;
        if (this.settle(c, v.fact, o)) this.ended(c, st, under(v, o), frame, inBranch);
      }
      return;
    }
    // `return setup(priv);` of a call whose result the model does not know: it may fail.
    if (st?.expr?.t === 'call' && st.expr.fact === undefined && v !== undefined && isTop(v) && !s.errorPath && !inBranch && this.hooks.phase === 'probe') {
      this.ended(this.fork(s), st, num(0), frame, inBranch);
      this.ended(s, st, errnoRange, frame, inBranch, `${st.expr.name}() fails`);
      return;
    }
    this.ended(s, st, v === undefined ? undefined : isRes(v) ? under(v, s.settled[v.fact]) : v, frame, inBranch);
  }

  private ended(s: PathState, st: Of<'return'> | undefined, v: Num | undefined, frame: Frame, inBranch: boolean, assumed?: string): void {
    const known = v === undefined || isTop(v) ? undefined : v.hi < 0 ? true : v.lo >= 0 ? false : undefined;
    const errorReturn = known ?? (st?.expr !== undefined && inBranch);
    // `return 0;` is success even after a goto (labels such as skip_foo are not unwinding).
    const errorPath = known === false ? false : s.errorPath || errorReturn;
    if (this.hooks.phase === 'probe' && !errorPath && this.hooks.onProbeSuccess) {
      this.hooks.onProbeSuccess(s);
      return;
    }
    const exit = s.exit ?? (st ? { range: st.range } : undefined);
    const fn = frame.fn;
    this.hooks.sink({
      kind: 'end',
      phase: this.hooks.phase,
      errorPath,
      cleanup: s.cleanup,
      released: s.released ?? false,
      guessed: s.guessed ?? false,
      inBranch,
      file: fn.file,
      range: st?.range ?? {
        line: fn.bodyRange.endLine,
        column: Math.max(1, fn.bodyRange.endColumn - 1),
        endLine: fn.bodyRange.endLine,
        endColumn: fn.bodyRange.endColumn,
      },
      ...(exit ? { exit } : {}),
      ...(assumed ? { assumed } : {}),
      // An errno, or what `if (err) return err;` hands back: nonzero where 0 is success.
      ...(known === true || (known === undefined && inBranch && v?.nz === true && v.lo < 0) ? { failed: true } : {}),
      function: fn.name,
      state: s.store,
    });
  }
}
