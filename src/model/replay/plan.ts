// Which walks to run over a tree: from each probe-like entry (a driver struct's .probe, a
// `*_probe` function, or a function that calls the others) following plain calls into the same
// file or driver directory; every other function with MSI calls on its own.
import { dirOf } from '../../facts/directory';
import type { FileFacts, FunctionInfo, Stmt, TreeFacts } from '../../facts/types';

export interface Walk {
  entry: FunctionInfo;
  /** probe: starts from an empty store, checks leaks on error returns, continues into remove. */
  kind: 'probe' | 'calls' | 'alone';
  remove?: FunctionInfo;
  /** Driver file that qualifies device keys. */
  file: string;
}

export interface FunctionIndex {
  /** The function a call from `from` names: same file first, then same directory when unique. */
  lookup(name: string, from: FunctionInfo): FunctionInfo | undefined;
}

export function indexFunctions(tree: TreeFacts): FunctionIndex {
  const byFile = new Map<string, Map<string, FunctionInfo>>();
  const byDir = new Map<string, Map<string, FunctionInfo | null>>();
  for (const f of tree.files) {
    const m = new Map<string, FunctionInfo>();
    for (const fn of f.functions) m.set(fn.name, fn);
    byFile.set(f.file, m);
    const d = byDir.get(dirOf(f.file)) ?? new Map<string, FunctionInfo | null>();
    for (const fn of f.functions) {
      if (fn.isStatic) continue;
      d.set(fn.name, d.has(fn.name) ? null : fn);
    }
    byDir.set(dirOf(f.file), d);
  }
  // Each file's own functions and its directory's, found once (a walk asks for every call it meets).
  const scopes = new Map<string, { own?: Map<string, FunctionInfo>; dir?: Map<string, FunctionInfo | null> }>();
  const scopeOf = (file: string) => {
    let s = scopes.get(file);
    if (s === undefined) {
      s = { own: byFile.get(file), dir: byDir.get(dirOf(file)) };
      scopes.set(file, s);
    }
    return s;
  };
  return {
    lookup(name, from) {
      const s = scopeOf(from.file);
      return s.own?.get(name) ?? s.dir?.get(name) ?? undefined;
    },
  };
}

const calledCache = new WeakMap<Stmt[], ReadonlySet<string>>();

/** Names of functions a body calls: its call statements (the skeleton emits one for every call,
 *  also inside an assignment, a condition or a return); each walk asks again for the same
 *  bodies, so the answer is kept per body. */
export function calledNames(body: Stmt[]): ReadonlySet<string> {
  let names = calledCache.get(body);
  if (!names) {
    names = collectCalls(body, new Set<string>());
    calledCache.set(body, names);
  }
  return names;
}

function collectCalls(body: Stmt[], acc: Set<string>): Set<string> {
  for (const s of body) {
    switch (s.t) {
      case 'call':
        acc.add(s.name);
        break;
      case 'if':
        collectCalls(s.then, acc);
        collectCalls(s.else, acc);
        break;
      case 'switch':
        for (const c of s.cases) collectCalls(c.body, acc);
        break;
      case 'loop':
        collectCalls(s.body, acc);
        break;
      default:
        break;
    }
  }
  return acc;
}

export function hasFactWhere(body: Stmt[], pred: (id: number) => boolean): boolean {
  return body.some(
    (s) =>
      (s.t === 'fact' && pred(s.id)) ||
      (s.t === 'if' && (hasFactWhere(s.then, pred) || hasFactWhere(s.else, pred))) ||
      (s.t === 'switch' && s.cases.some((c) => hasFactWhere(c.body, pred))) ||
      (s.t === 'loop' && hasFactWhere(s.body, pred)),
  );
}

function hasFacts(body: Stmt[]): boolean {
  return hasFactWhere(body, () => true);
}

/** Functions reachable from `fn` through followed calls (including itself), depth-limited. */
export function reachable(fn: FunctionInfo, index: FunctionIndex, maxDepth: number): Set<FunctionInfo> {
  const seen = new Set<FunctionInfo>([fn]);
  let frontier = [fn];
  for (let d = 0; d < maxDepth && frontier.length; d++) {
    const next: FunctionInfo[] = [];
    for (const f of frontier) {
      for (const name of calledNames(f.body)) {
        const g = index.lookup(name, f);
        if (g && !seen.has(g)) {
          seen.add(g);
          next.push(g);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

function probeEntries(file: FileFacts, index: FunctionIndex): { probe: FunctionInfo; remove?: FunctionInfo }[] {
  const out: { probe: FunctionInfo; remove?: FunctionInfo }[] = [];
  const anyFn = file.functions[0];
  for (const d of file.drivers) {
    if (!d.probe || !anyFn) continue;
    const probe = index.lookup(d.probe, anyFn);
    if (!probe) continue;
    const remove = d.remove ? index.lookup(d.remove, anyFn) : undefined;
    out.push(remove ? { probe, remove } : { probe });
  }
  if (out.length) return out;
  for (const fn of file.functions) {
    if (!/_probe$/.test(fn.name)) continue;
    const base = fn.name.replace(/_probe$/, '');
    const remove = file.functions.find((g) => g.name === `${base}_remove`);
    out.push(remove ? { probe: fn, remove } : { probe: fn });
  }
  return out;
}

export function planWalks(tree: TreeFacts, index: FunctionIndex, maxDepth: number): Walk[] {
  const walks: Walk[] = [];
  const covered = new Set<FunctionInfo>();
  for (const file of tree.files) {
    if (file.facts.length === 0) continue;
    for (const { probe, remove } of probeEntries(file, index)) {
      walks.push(remove ? { entry: probe, kind: 'probe', remove, file: file.file } : { entry: probe, kind: 'probe', file: file.file });
      for (const f of reachable(probe, index, maxDepth)) covered.add(f);
      if (remove) for (const f of reachable(remove, index, maxDepth)) covered.add(f);
    }
  }
  for (const file of tree.files) {
    const withFacts = file.functions.filter((fn) => !covered.has(fn) && hasFacts(fn.body));
    if (withFacts.length === 0) continue;
    // A function that calls others with MSI calls orders them; the rest stand alone.
    const callers = withFacts.concat(file.functions.filter((fn) => !covered.has(fn) && !withFacts.includes(fn)));
    for (const fn of callers) {
      if (covered.has(fn)) continue;
      const reach = reachable(fn, index, maxDepth);
      const others = [...reach].filter((g) => g !== fn && withFacts.includes(g));
      // Its MSI functions were all walked already (from probe or an earlier caller): another
      // caller repeats that walk (most of the replay's time went to such repeats).
      if (others.length === 0 || others.every((g) => covered.has(g))) continue;
      walks.push({ entry: fn, kind: 'calls', file: file.file });
      for (const g of reach) covered.add(g);
    }
    for (const fn of withFacts) {
      if (covered.has(fn)) continue;
      walks.push({ entry: fn, kind: 'alone', file: file.file });
      covered.add(fn);
    }
  }
  return walks;
}
