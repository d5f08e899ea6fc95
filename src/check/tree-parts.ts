// Splits a tree into parts that can be checked apart: whole directories, because a walk only
// follows calls into its own file or directory (replay/plan.ts), so no walk, device or call
// site spans two parts. Parts are balanced by an estimate of their replay work.
import type { FileFacts, Stmt, TreeFacts } from '../facts/types';
import { dirOf } from '../model/replay/plan';

function statements(body: Stmt[]): number {
  let n = 0;
  for (const s of body) {
    n++;
    if (s.t === 'if') n += statements(s.then) + statements(s.else);
    else if (s.t === 'loop') n += statements(s.body);
    else if (s.t === 'switch') for (const c of s.cases) n += statements(c.body);
  }
  return n;
}

/** Replay work grows with the calls to model and with the branches that fork paths. */
function cost(f: FileFacts): number {
  let n = 0;
  for (const fn of f.functions) n += statements(fn.body);
  return n + 20 * f.facts.length;
}

/**
 * Up to `count` parts, heaviest directories first into the lightest part; each part keeps the
 * tree's file order (planWalks depends on it). Files without facts or functions go nowhere.
 */
export function splitByDirectory(tree: TreeFacts, count: number): TreeFacts[] {
  const dirs = new Map<string, number>();
  for (const f of tree.files) if (f.facts.length || f.functions.length) dirs.set(dirOf(f.file), (dirs.get(dirOf(f.file)) ?? 0) + cost(f));
  const load = new Array<number>(Math.max(1, Math.min(count, dirs.size))).fill(0);
  const partOf = new Map<string, number>();
  for (const [dir, c] of [...dirs].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const lightest = load.indexOf(Math.min(...load));
    partOf.set(dir, lightest);
    load[lightest]! += c;
  }
  return load.map((_, i) => ({ ...tree, files: tree.files.filter((f) => partOf.get(dirOf(f.file)) === i) }));
}
