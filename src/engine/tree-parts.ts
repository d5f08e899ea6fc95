// Splits a tree into parts that can be checked apart: whole directories, because a walk only
// follows calls into its own file or directory (replay/plan.ts), so no walk, device or call
// site spans two parts. Parts are balanced by an estimate of their replay work.
// (The language server's groups are directories already: balanceByCost splits those lists.)
import type { FileFacts, Stmt, TreeFacts } from '../facts/types';
import { dirOf } from '../facts/directory';

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
function fileCost(f: FileFacts): number {
  let n = 0;
  for (const fn of f.functions) n += statements(fn.body);
  return n + 20 * f.facts.length;
}

export function treeCost(tree: TreeFacts): number {
  return tree.files.reduce((n, f) => n + fileCost(f), 0);
}

/** Item indices in up to `count` parts: heaviest first into the lightest part (ties by index). */
export function balanceByCost(costs: number[], count: number): number[][] {
  const parts: number[][] = Array.from({ length: Math.max(1, Math.min(count, costs.length)) }, () => []);
  const load = parts.map(() => 0);
  const order = costs.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [c, i] of order) {
    const lightest = load.indexOf(Math.min(...load));
    parts[lightest]!.push(i);
    load[lightest]! += c;
  }
  return parts.map((p) => p.sort((a, b) => a - b));
}

/**
 * Up to `count` parts of whole directories, balanced by cost; each part keeps the tree's file
 * order (planWalks depends on it). Files without facts or functions go nowhere.
 */
export function splitByDirectory(tree: TreeFacts, count: number): TreeFacts[] {
  const dirs = new Map<string, number>();
  for (const f of tree.files) if (f.facts.length || f.functions.length) dirs.set(dirOf(f.file), (dirs.get(dirOf(f.file)) ?? 0) + fileCost(f));
  const names = [...dirs.keys()].sort();
  const partOf = new Map<string, number>();
  balanceByCost(
    names.map((d) => dirs.get(d)!),
    count,
  ).forEach((part, i) => {
    for (const d of part) partOf.set(names[d]!, i);
  });
  const parts = Math.max(1, Math.min(count, names.length));
  return Array.from({ length: parts }, (_, i) => ({ ...tree, files: tree.files.filter((f) => partOf.get(dirOf(f.file)) === i) }));
}
