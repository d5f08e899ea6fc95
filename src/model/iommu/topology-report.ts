// The device tree of a topology with requester IDs, aliases, groups and MSI/MSI-X capabilities,
// as plain data (for `irqlens topology --format json`, the map) and as indented text.
import { formatRid } from '../../topology/bdf';
import type { PciFunction, Topology } from '../../topology/types';
import { modelFor, resolveRequesterIds } from './requester-ids';
import type { DeviceGraph, DeviceNode } from './graph';

export interface DeviceReport {
  bdf: string;
  id?: string;
  name?: string;
  type: string;
  msi?: number;
  msix?: number;
  group?: number;
  requesterIds: string[];
  aliases: { pdev: string; alias: string; step: string }[];
  intelIr: string;
  itsRid: string;
  quirks: string[];
  physfn?: string;
  synthesized?: boolean;
  notes: string[];
  children: DeviceReport[];
}

export interface TopologyReport {
  source: string;
  format: Topology['format'];
  functions: number;
  groupSource: 'dump' | 'derived';
  notes: string[];
  roots: DeviceReport[];
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

function typeOf(fn: PciFunction): string {
  if (!fn.capsReadable) return 'unknown';
  if (fn.pcie) return fn.pcie;
  if (fn.classCode === 0x0600) return 'host-bridge';
  return fn.secondary !== undefined ? 'pci-bridge' : 'conventional';
}

function report(graph: DeviceGraph, node: DeviceNode): DeviceReport {
  const fn = node.fn;
  const w = resolveRequesterIds(graph.topology, fn.bdf)!;
  const r: DeviceReport = {
    bdf: fn.bdf,
    type: typeOf(fn),
    requesterIds: w.requesterIds,
    aliases: w.pairs.slice(1).map((p) => ({ pdev: p.pdev, alias: formatRid(p.alias), step: p.step })),
    intelIr: w.intelIr.text,
    itsRid: formatRid(w.its.rid),
    quirks: [...new Set(node.quirks.map((q) => q.kind))],
    notes: [...node.notes, ...w.assumptions, ...(w.unknownAliases ? ['aliases read from the Switchtec requester-ID table at boot: unknown'] : [])],
    children: [],
  };
  if (fn.vendor !== undefined && fn.device !== undefined) r.id = `${hex4(fn.vendor)}:${hex4(fn.device)}`;
  if (fn.name) r.name = fn.name;
  if (fn.msi) r.msi = fn.msi.maxCount;
  if (fn.msix) r.msix = fn.msix.tableSize;
  if (w.group) r.group = w.group.id;
  if (fn.physfn) r.physfn = fn.physfn;
  if (fn.synthesized) r.synthesized = true;
  return r;
}

export function topologyReport(topology: Topology): TopologyReport {
  const { graph, groups } = modelFor(topology);
  const reports = new Map([...graph.devices.values()].map((n) => [n.fn.bdf, report(graph, n)]));
  const roots: DeviceReport[] = [];
  for (const node of graph.devices.values()) {
    const bus = graph.busOf(node);
    // Children hang under the bridge of their bus; VFs on a virtual bus under their PF's bridge.
    let up = bus.self;
    for (let b = bus; !up && b.virtual && b.parent; b = b.parent) up = b.parent.self;
    const parent = up ? reports.get(up.fn.bdf) : undefined;
    (parent ? parent.children : roots).push(reports.get(node.fn.bdf)!);
  }
  // Bridges that name each other's buses (malformed input) form a cycle no root reaches: list them at top level.
  const reached = new Set<string>();
  const mark = (d: DeviceReport): void => {
    if (reached.has(d.bdf)) return;
    reached.add(d.bdf);
    d.children.forEach(mark);
  };
  roots.forEach(mark);
  const cyclic = [...reports.values()].filter((d) => !reached.has(d.bdf));
  for (const d of cyclic) {
    d.notes.push('bus numbers loop back through this function in the input; shown at top level');
    d.children = [];
    roots.push(d);
  }
  return {
    source: topology.source,
    format: topology.format,
    functions: topology.functions.length,
    groupSource: groups.source,
    notes: [...graph.notes, ...groups.notes],
    roots,
  };
}

function line(d: DeviceReport): string {
  const parts = [d.bdf, d.id ? `[${d.id}]` : '', d.type];
  if (d.group !== undefined) parts.push(`group ${d.group}`);
  if (d.msi !== undefined) parts.push(`MSI ${d.msi}`);
  if (d.msix !== undefined) parts.push(`MSI-X ${d.msix}`);
  parts.push(`RID ${d.requesterIds.join(', ')}`);
  if (d.quirks.length) parts.push(`quirk ${d.quirks.join(',')}`);
  if (d.physfn) parts.push(`VF of ${d.physfn}`);
  if (d.synthesized) parts.push('(not in the dump)');
  if (d.name) parts.push(`${d.name}`);
  return parts.filter(Boolean).join('  ');
}

export function formatTopologyText(r: TopologyReport): string {
  const out: string[] = [`${r.source}: ${r.functions} functions (${r.format}; IOMMU groups ${r.groupSource === 'dump' ? 'from the dump' : 'derived'})`];
  const walk = (d: DeviceReport, depth: number): void => {
    const pad = '  '.repeat(depth);
    out.push(pad + line(d));
    if (d.aliases.length)
      out.push(
        `${pad}    aliases: ${d.aliases
          .map((a) => `${a.alias} via ${a.pdev} (${a.step})`)
          .slice(0, 4)
          .join('; ')}${d.aliases.length > 4 ? `; … ${d.aliases.length} in all` : ''}`,
      );
    if (d.aliases.length) out.push(`${pad}    Intel IR: ${d.intelIr}; ITS rid ${d.itsRid}`);
    for (const n of d.notes) out.push(`${pad}    note: ${n}`);
    d.children.forEach((c) => walk(c, depth + 1));
  };
  r.roots.forEach((d) => walk(d, 0));
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
