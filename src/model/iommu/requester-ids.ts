// resolveRequesterIds: the alias walk of one function plus each consumer's selection from it.
// Graphs and groups are built once per topology object and cached.
import { formatBdf, formatRid, parseBdf } from '../../topology/bdf';
import type { Topology } from '../../topology/types';
import { walkDmaAliases, type RawWalk } from './alias-walk';
import { amdIrtRids, intelIrMode, itsView, smmuStreamRids, type IntelIrMode, type ItsView } from './consumers';
import { buildGraph, type DeviceGraph } from './graph';
import { computeGroups, type GroupResult } from './groups';
import type { QuirkRow } from './quirk-kinds';

export interface AliasWalk extends RawWalk {
  /** Every distinct requester ID of the walk, "0x0400" form, in emission order. */
  requesterIds: string[];
  /** The alias of the last pair. */
  finalRid: number;
  group?: { id: number; source: 'dump' | 'derived'; anchor: string };
  intelIr: IntelIrMode;
  its: ItsView;
  amdIrt: number[];
  smmuStreamIds: number[];
}

interface Model {
  graph: DeviceGraph;
  groups: GroupResult;
}

const models = new WeakMap<Topology, Model>();
const quirkTables = new WeakMap<Topology, { rows: readonly QuirkRow[]; source: string }>();

/** Use these quirk rows (e.g. the workspace kernel's quirks.c) instead of the built-in table. */
export function useQuirks(topology: Topology, rows: readonly QuirkRow[], source: string): void {
  quirkTables.set(topology, { rows, source });
  models.delete(topology);
}

export function modelFor(topology: Topology): Model {
  let m = models.get(topology);
  if (!m) {
    const q = quirkTables.get(topology);
    const graph = buildGraph(topology, q?.rows);
    graph.notes.push(
      q ? `DMA-alias quirks from ${q.source} (${q.rows.length} rows)` : 'DMA-alias quirks: built-in table from 6.12 drivers/pci/quirks.c (142 rows)',
    );
    m = { graph, groups: computeGroups(graph) };
    models.set(topology, m);
  }
  return m;
}

/** Accepts "bb:ss.f" or "dddd:bb:ss.f"; undefined when the topology has no such function. */
export function resolveRequesterIds(topology: Topology, bdf: string): AliasWalk | undefined {
  const b = parseBdf(bdf);
  if (!b) return undefined;
  const { graph, groups } = modelFor(topology);
  const raw = walkDmaAliases(graph, formatBdf(b));
  if (!raw) return undefined;
  const last = raw.pairs[raw.pairs.length - 1]!;
  const gid = groups.groupOf.get(raw.device);
  return {
    ...raw,
    requesterIds: [...new Set(raw.pairs.map((p) => formatRid(p.alias)))],
    finalRid: last.alias,
    ...(gid !== undefined ? { group: { id: gid, source: groups.source, anchor: last.pdev } } : {}),
    intelIr: intelIrMode(graph, raw),
    its: itsView(graph, raw),
    amdIrt: amdIrtRids(raw),
    smmuStreamIds: smmuStreamRids(raw),
  };
}
