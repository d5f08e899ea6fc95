// Shared inputs of the attribution rules: the topology (parsed, or a path the CLI passed and
// that is loaded once here), the --bind pairs, the target platform, and the allocation facts.
import { loadTopology, quirksOfTree, useQuirks, type Topology } from '../../model/iommu/index';
import type { FileProblem, MsiFact, TreeFacts } from '../../facts/types';

export interface AttrContext {
  topology?: Topology;
  bindings?: Record<string, string>;
}

export type Target = 'x86-intel' | 'x86-amd' | 'x86' | 'its' | 'unknown';

export function targetOf(topology: Topology | undefined): Target {
  const p = topology?.platform;
  if (!p) return 'unknown';
  if (p.msiController === 'its' || p.arch === 'arm64') return 'its';
  if (p.arch === 'x86' || p.msiController === 'x86-vector') return p.iommu === 'intel' ? 'x86-intel' : p.iommu === 'amd' ? 'x86-amd' : 'x86';
  return 'unknown';
}

/** Kinds that put descriptors into a device's store. */
const storing = new Set<MsiFact['kind']>(['alloc', 'insert']);

export function storingFacts(tree: TreeFacts): MsiFact[] {
  return tree.files.flatMap((f) => f.facts.filter((x) => storing.has(x.kind)));
}

const loaded = new Map<string, { topology: Topology; problems: FileProblem[] }>();

function isTopology(x: unknown): x is Topology {
  return typeof x === 'object' && x !== null && Array.isArray((x as { functions?: unknown }).functions);
}

/** Accepts a parsed Topology or a path (the check CLI passes the path it validated). */
export function asTopology(x: unknown): { topology?: Topology; problems: FileProblem[] } {
  if (isTopology(x)) return { topology: x, problems: [] };
  if (typeof x !== 'string') return { problems: [] };
  let r = loaded.get(x);
  if (!r) {
    r = loadTopology({ path: x });
    loaded.set(x, r);
  }
  return r.topology.functions.length > 0 ? r : { problems: r.problems };
}

const quirksApplied = new WeakSet<Topology>();

/** Once per topology: a kernel tree's own quirks.c replaces the built-in quirk table. */
export function applyTreeQuirks(topology: Topology, tree: TreeFacts): void {
  if (quirksApplied.has(topology)) return;
  quirksApplied.add(topology);
  const first = tree.tree.split(' ')[0];
  const q = first ? quirksOfTree(first) : undefined;
  if (q) useQuirks(topology, q.rows, `${q.root}/drivers/pci/quirks.c`);
}
