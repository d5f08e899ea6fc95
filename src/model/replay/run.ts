// Runs the planned walks over a tree and collects what happened: every applied operation
// (with the store state after it) and every path end that matters for leaks.
import { indexFileGlobals } from './file-globals';
import type { FunctionInfo, MsiFact, TreeFacts } from '../../facts/types';
import type { DeviceCaps, StoreConfig } from '../store/types';
import type { ImpossibleTest } from './impossible-tests';
import { ReplayInterpreter, isCleanupCall } from './interpret';
import type { PathState, Phase, ReplayEvent } from './replay-state';
import { apiOp, isAllocation } from './api-ops';
import { dirOf } from '../../facts/directory';
import { calledNames, hasFactWhere, indexFunctions, planWalks, reachable, type Walk } from './plan';
import { newStore } from './store-port';
import { newPathState, newSigningEpoch } from './path-parts';
import { isRes, under, type Val } from './values';
import { condKeys } from './cond-key';
import { walkFunction } from './walk';
import type { WalkOptions } from './walk-interface';

export interface WalkReport {
  walk: Walk;
  /** Code reachable from the entry calls pcim_enable_device(): vectors are freed at detach. */
  managed: boolean;
  /** A walk without a probe whose entry nothing in the directory calls (an ops table, another directory). */
  callersUnseen: boolean;
  /** Human description for findings' assumptions. */
  order: string;
  truncated: boolean;
  events: ReplayEvent[];
  /** Allocations returning a count whose result no path ever read. */
  unchecked: MsiFact[];
  /** Tests of an allocation's count that no value the call returns passes. */
  impossible: ImpossibleTest[];
}

export interface ReplayOptions {
  store: StoreConfig;
  /** Qualify the device key of a walk (default: driver file + key). */
  deviceKey?: (file: string, key: string) => string;
  maxStates?: number;
  maxDepth?: number;
  /** Capabilities a topology gives a device (qualified key, device expression). */
  caps?: (key: string, text: string) => DeviceCaps | undefined;
}

/**
 * Branch conditions written more than once in each directory: decisions on them are worth
 * remembering. Per directory, because a walk never leaves its own: a directory's result does
 * not depend on the rest of the tree (the language server checks one directory at a time).
 */
export function repeatedConditions(tree: TreeFacts): Map<string, Set<string>> {
  const seen = new Map<string, Map<string, number>>();
  for (const f of tree.files) {
    const dir = dirOf(f.file);
    const counts = seen.get(dir) ?? new Map<string, number>();
    seen.set(dir, counts);
    for (const fn of f.functions) for (const k of condKeys(fn.body)) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return new Map([...seen].map(([dir, counts]) => [dir, new Set([...counts].filter(([, n]) => n > 1).map(([k]) => k))]));
}

/** Results a driver must test: the count of vectors granted (it may be an errno). */
const testedResult = new Set(['count']);

export function qualifiedDevice(file: string, key: string): string {
  return `${file}:${key}`;
}

function describe(w: Walk): string {
  switch (w.kind) {
    case 'probe':
      return w.remove
        ? `order: from probe ${w.entry.name}() following its calls, then remove ${w.remove.name}(); store empty at probe`
        : `order: from probe ${w.entry.name}() following its calls; store empty at probe`;
    case 'calls':
      return `order: from ${w.entry.name}() following its calls; earlier state unknown`;
    case 'alone':
      return `order: ${w.entry.name}() on its own; earlier state unknown`;
  }
}

/** The name of a function's `struct pci_dev *` parameter (a PCI driver's probe), if any. */
/**
 * What remove sees of probe's values: the fields of objects probe set up, by member path
 * (`*.flags`), since remove reaches them through other pointers (pci_get_drvdata()). A member
 * path two objects disagree on is dropped.
 */
function inheritedFields(s: PathState): Map<string, Val> {
  const out = new Map<string, Val>();
  const clash = new Set<string>();
  for (const [k, val] of s.env) {
    const v = isRes(val) ? under(val, s.settled[val.fact]) : val;
    // What the path noted about a device (`#whole-table:...`) stays as it is.
    if (k.startsWith('#')) {
      out.set(k, v);
      continue;
    }
    const dot = k.indexOf('.');
    if (dot < 0) continue;
    const key = `*${k.slice(dot)}`;
    if (out.get(key) !== undefined && JSON.stringify(out.get(key)) !== JSON.stringify(v)) clash.add(key);
    out.set(key, v);
  }
  for (const k of clash) out.delete(k);
  return out;
}

/** remove's device parameter rooted at probe's (both are the bus device the core binds). */
function sameDevice(probe: FunctionInfo, remove: FunctionInfo, probeFrame: number): Map<string, string> {
  const from = probe.params[0]?.name;
  const to = remove.params[0]?.name;
  return from && to ? new Map([[to, `${probeFrame}:${from}`]]) : new Map();
}

function pciParam(fn: FunctionInfo): string | undefined {
  return fn.params.find((p) => p.pointsTo === 'pci_dev')?.name || undefined;
}

export function replayTree(tree: TreeFacts, opts: ReplayOptions): WalkReport[] {
  const maxDepth = opts.maxDepth ?? 4;
  const index = indexFunctions(tree);
  const facts = new Map<string, Map<number, MsiFact>>();
  for (const f of tree.files) {
    facts.set(f.file, new Map(f.facts.map((x) => [x.id, x])));
    indexFileGlobals(f);
  }
  const reports: WalkReport[] = [];
  // A directory's functions: what a walk, which never leaves its directory, can see call its entry.
  const byDir = new Map<string, FunctionInfo[]>();
  for (const f of tree.files) {
    const dir = dirOf(f.file);
    byDir.set(dir, byDir.get(dir) ?? []);
    byDir.get(dir)!.push(...f.functions);
  }
  const creators = new Set(['create-domain', 'platform-alloc', 'ims-create']);
  const creates = (fn: FunctionInfo) => hasFactWhere(fn.body, (id) => creators.has(apiOp(facts.get(fn.file)?.get(id)?.api ?? '').op));
  // Decisions are remembered only for tests that occur again, or that read a result variable.
  const repeatedIn = repeatedConditions(tree);
  // Whether a function can free vectors (what it reaches holds a free): the same for every walk.
  const frees = new Set(['free', 'remove-domain']);
  const freeing = new Map<FunctionInfo, boolean>();
  for (const walk of planWalks(tree, index, maxDepth)) {
    newSigningEpoch();
    const events: ReplayEvent[] = [];
    const repeated = repeatedIn.get(dirOf(walk.file)) ?? new Set<string>();
    const keepDecision = (key: string): boolean => repeated.has(key);
    // A walk that creates no device domain addresses one created elsewhere (or a global one).
    const reach = [...reachable(walk.entry, index, maxDepth)];
    const createsDomain = [...reach, ...(walk.remove ? [walk.remove] : [])].some(creates);
    const walkOpts: WalkOptions = {
      callee: (name, frame) => index.lookup(name, frame.fn),
      maxStates: opts.maxStates ?? 24,
      // Calls through pointers (`ops->free(x)`) are not cleanup evidence: only named calls are.
      // Flag words set with set_bit() are mode flags the walk must see.
      significantCall: (name) =>
        name === 'pcim_enable_device' || /^(?:__)?(?:set|clear)_bit$/.test(name) || (/^[A-Za-z_]\w*$/.test(name) && isCleanupCall(name)),
      maxDepth,
      // An index's loop bound is read where the fact is (interpret.ts reads the local it names).
      factReads: (fn, id) => {
        const bound = facts.get(fn.file)?.get(id)?.index?.loopBound?.bound.trim();
        return bound ? [bound] : [];
      },
    };
    const qualify = opts.deviceKey ?? qualifiedDevice;
    const successes: PathState[] = [];
    const probeDevice = walk.kind === 'probe' ? pciParam(walk.entry) : undefined;
    const mayFree = (name: string, from: FunctionInfo): boolean | undefined => {
      const fn = index.lookup(name, from);
      if (!fn) return undefined;
      let r = freeing.get(fn);
      if (r === undefined) {
        r = [...reachable(fn, index, 2 * maxDepth)].some((g) => hasFactWhere(g.body, (id) => frees.has(facts.get(g.file)?.get(id)?.kind ?? '')));
        freeing.set(fn, r);
      }
      return r;
    };
    const hooks = (phase: Phase) => ({
      mayFree,
      probeDevice: probeDevice === undefined ? undefined : qualify(walk.file, probeDevice),
      factById: (file: string, id: number) => facts.get(file)?.get(id),
      deviceKey: (key: string) => qualify(walk.file, key),
      phase,
      caps: opts.caps,
      domainOutside: () => !createsDomain,
      sink: (e: ReplayEvent) => void events.push(e),
      onProbeSuccess: phase === 'probe' ? (s: PathState) => void successes.push(s) : undefined,
    });
    const store = newStore(opts.store);
    const phase: Phase = walk.kind === 'probe' ? 'probe' : 'alone';
    const first = new ReplayInterpreter(hooks(phase), { keepDecision });
    const interps = [first];
    const probeWalk = walkFunction(walk.entry, [newPathState(store)], first, walkOpts);
    let truncated = probeWalk.truncated;
    if (walk.remove && successes.length) {
      const interp = new ReplayInterpreter(hooks('remove'), { keepDecision, inherited: true });
      interps.push(interp);
      const starts = successes.map(
        (s): PathState => ({
          ...interp.fork(s),
          errorPath: false,
          env: new Map([...s.env, ...inheritedFields(s)]),
          requests: {},
          calls: {},
          before: {},
          exit: undefined,
          ret: undefined,
        }),
      );
      // remove(struct pci_dev *dev) acts on the device probe(struct pci_dev *pdev) was handed.
      const removeParam = pciParam(walk.remove);
      const rename = new Map(probeDevice && removeParam && removeParam !== probeDevice ? [[removeParam, probeDevice]] : []);
      // The driver core hands remove the device it handed probe: what probe reached through it
      // (drvdata and the fields of what was stored there) remove reaches too.
      const roots = sameDevice(walk.entry, walk.remove, probeWalk.frame.id);
      truncated = walkFunction(walk.remove, starts, interp, walkOpts, rename, roots).truncated || truncated;
    }
    // Without a probe entry the walk may run under a probe it does not see: a directory that
    // makes its device managed anywhere is taken as managed.
    const managedIn = (fns: FunctionInfo[]) => fns.some((f) => calledNames(f.body).has('pcim_enable_device'));
    const siblings = byDir.get(dirOf(walk.file)) ?? [];
    const managed = managedIn(reach) || (walk.kind !== 'probe' && managedIn(siblings));
    const used = new Set(interps.flatMap((i) => [...i.usedResults]));
    const unchecked = new Map<string, MsiFact>();
    for (const e of events) {
      if (e.kind !== 'op' || !isAllocation(apiOp(e.fact.api).op) || !testedResult.has(apiOp(e.fact.api).returns)) continue;
      // An INTx-only request (a last resort after MSI failed) sets up no MSI vectors to miss.
      if (e.fact.flags && e.fact.flags.every((f) => f === 'PCI_IRQ_INTX' || f === 'PCI_IRQ_LEGACY')) continue;
      const key = `${e.fact.file}#${e.fact.id}`;
      if (!used.has(key) && !sharesResult(e.fact, events)) unchecked.set(key, e.fact);
    }
    const impossible = interps.flatMap((i) => i.impossibleTests());
    const callersUnseen =
      walk.kind !== 'probe' &&
      !siblings.some((f) => f !== walk.entry && calledNames(f.body).has(walk.entry.name) && index.lookup(walk.entry.name, f) === walk.entry);
    reports.push({ walk, managed, callersUnseen, order: describe(walk), truncated, events, unchecked: [...unchecked.values()], impossible });
  }
  return reports;
}

/**
 * Two allocations on exclusive branches that store into one variable (`ret = pci_alloc_irq_vectors(...)`
 * or its _affinity twin): the test after the branches meet reads either, and the joined value no
 * longer names one of them, so neither counts as unchecked.
 */
function sharesResult(fact: MsiFact, events: ReplayEvent[]): boolean {
  if (!fact.result) return false;
  return events.some(
    (e) =>
      e.kind === 'op' &&
      e.fact !== fact &&
      e.fact.file === fact.file &&
      e.fact.function === fact.function &&
      e.fact.result === fact.result &&
      isAllocation(apiOp(e.fact.api).op),
  );
}
