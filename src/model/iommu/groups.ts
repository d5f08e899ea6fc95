// IOMMU groups, statically. When the dump carries "IOMMU group:" lines those are the truth and
// are used as is. Otherwise groups are derived with the union-find simplification of
// drivers/iommu/iommu.c pci_device_group (msi-semantics §4.4.2): enumeration-order probing;
// of the ACS quirk table pci_dev_acs_enabled[] only the ID-decided rows in acsQuirks below
// (other quirked devices count as failing ACS, which can only merge groups, never split them);
// unreadable capabilities fail ACS.
import { walkDmaAliases } from './alias-walk';
import type { DeviceGraph, DeviceNode } from './graph';

export interface GroupResult {
  /** bdf -> group number. */
  groupOf: Map<string, number>;
  source: 'dump' | 'derived';
  notes: string[];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    while (p !== (this.parent.get(p) ?? p)) p = this.parent.get(p) ?? p;
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function multifunction(graph: DeviceGraph, d: DeviceNode): boolean {
  if (d.fn.physfn) return false; // VFs: multifunction forced to 0
  if ((d.fn.devfn & 7) !== 0) return true; // pci_scan_slot forces it on fn > 0
  const slot = d.fn.devfn >> 3;
  return graph.busOf(d).devices.some((o) => o !== d && o.fn.devfn >> 3 === slot);
}

function acsFlagsEnabled(d: DeviceNode): boolean {
  const a = d.fn.acs;
  return a !== undefined && a.sv && a.rr && a.cr && a.uf;
}

/** Inclusive device-ID ranges, as the kernel's switch cases and ID lists. */
type IdRanges = readonly (readonly [number, number])[];
const each = (ids: number[]): IdRanges => ids.map((id) => [id, id] as const);
const span = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/**
 * The modelled part of quirks.c pci_dev_acs_enabled[] (6.12): rows decided by vendor, PCIe type
 * and device ID alone. The Intel PCH rows hold once an IOMMU driver asked for ACS
 * (pci_quirk_enable_intel_pch_acs / _spt_pch_acs), which is when groups exist at all.
 * Checked against the Dell R710 dump's IOMMU groups.
 */
const acsQuirks: readonly { vendor: number; pcie: string; devices?: IdRanges; hook: string }[] = [
  // Intel RCiEPs may only do peer-to-peer on translated addresses (VT-d r3.1 sec 3.16).
  { vendor: 0x8086, pcie: 'rc-endpoint', hook: 'pci_quirk_rciep_acs' },
  {
    vendor: 0x8086,
    pcie: 'root-port',
    hook: 'pci_quirk_intel_pch_acs',
    devices: each([
      ...span(0x3b42, 16),
      ...span(0x1c10, 16),
      ...span(0x1e10, 16),
      ...span(0x8c10, 16),
      ...span(0x9c10, 12),
      ...span(0x9c90, 12),
      0x1d10,
      0x1d12,
      0x1d14,
      0x1d16,
      0x1d18,
      0x1d1a,
      0x1d1c,
      0x1d1e,
      ...span(0x8d10, 15),
      0x8c90,
      0x8c92,
      0x8c94,
      0x8c96,
      0x8c98,
      0x8c9a,
      0x8c9c,
      0x8c9e,
    ]),
  },
  {
    vendor: 0x8086,
    pcie: 'root-port',
    hook: 'pci_quirk_intel_spt_pch_acs',
    devices: [
      [0xa110, 0xa11f],
      [0xa167, 0xa16a],
      [0xa290, 0xa29f],
      [0xa2e7, 0xa2ee],
      [0x9d10, 0x9d1b],
    ],
  },
];

function acsQuirkFor(d: DeviceNode): string | undefined {
  const dev = d.fn.device;
  const hit = acsQuirks.find(
    (q) => q.vendor === d.fn.vendor && q.pcie === d.fn.pcie && (!q.devices || (dev !== undefined && q.devices.some(([a, b]) => dev >= a && dev <= b))),
  );
  return hit?.hook;
}

/** drivers/pci/pci.c pci_acs_enabled for REQ_ACS_FLAGS. */
export function acsEnabled(graph: DeviceGraph, d: DeviceNode): boolean {
  if (!d.fn.capsReadable || !d.fn.pcie) return false;
  if (acsQuirkFor(d)) return true;
  switch (d.fn.pcie) {
    case 'pcie-to-pci':
    case 'pci-to-pcie':
    case 'rc-event-collector':
      return false;
    case 'downstream':
    case 'root-port':
      return acsFlagsEnabled(d);
    default:
      return !multifunction(graph, d) || acsFlagsEnabled(d);
  }
}

/** Non-virtual bridges above `d`, nearest first. */
function bridgesAbove(graph: DeviceGraph, d: DeviceNode): DeviceNode[] {
  const out: DeviceNode[] = [];
  const seen = new Set<string>();
  for (let bus = graph.busOf(d); bus?.parent && !seen.has(bus.key); bus = bus.parent) {
    seen.add(bus.key);
    if (bus.self) out.push(bus.self);
  }
  return out;
}

const areAliases = (a: DeviceNode, b: DeviceNode): boolean => a.aliasDevfns.includes(b.fn.devfn) || b.aliasDevfns.includes(a.fn.devfn);

function unionFor(graph: DeviceGraph, d: DeviceNode, uf: UnionFind): void {
  const walk = walkDmaAliases(graph, d.fn.bdf)!;
  for (const p of walk.pairs) uf.union(d.fn.bdf, p.pdev); // (a)
  let anchor = graph.devices.get(walk.pairs[walk.pairs.length - 1]!.pdev)!;
  const above = bridgesAbove(graph, anchor);
  let j = 0;
  above.forEach((b, i) => {
    if (!acsEnabled(graph, b)) j = i + 1;
  });
  for (let i = 0; i < j; i++) uf.union(d.fn.bdf, above[i]!.fn.bdf); // (b)
  if (j > 0) anchor = above[j - 1]!;
  const peers = graph.busOf(anchor).devices;
  for (const t of peers) if (t !== anchor && areAliases(anchor, t)) uf.union(d.fn.bdf, t.fn.bdf); // (c)
  if (multifunction(graph, anchor) && !acsEnabled(graph, anchor)) {
    const slot = anchor.fn.devfn >> 3;
    for (const t of peers) if (t !== anchor && t.fn.devfn >> 3 === slot && !t.fn.physfn && !acsEnabled(graph, t)) uf.union(d.fn.bdf, t.fn.bdf); // (d)
  }
}

export function computeGroups(graph: DeviceGraph): GroupResult {
  const nodes = [...graph.devices.values()];
  const fromDump = nodes.filter((n) => n.fn.iommuGroup !== undefined);
  if (fromDump.length > 0) {
    // The dump is the truth; functions it lists without a group line have no group there.
    const missing = nodes.length - fromDump.length;
    const notes = missing > 0 ? [`${missing} of ${nodes.length} functions have no "IOMMU group:" line in the dump`] : [];
    return { groupOf: new Map(fromDump.map((n) => [n.fn.bdf, n.fn.iommuGroup!])), source: 'dump', notes };
  }
  const uf = new UnionFind();
  for (const d of nodes) unionFor(graph, d, uf);
  const numbers = new Map<string, number>();
  const groupOf = new Map<string, number>();
  for (const d of nodes) {
    const root = uf.find(d.fn.bdf);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    groupOf.set(d.fn.bdf, numbers.get(root)!);
  }
  return {
    groupOf,
    source: 'derived',
    notes: ['groups derived from the topology (pci_device_group simplification; ACS quirks only for Intel RCiEPs and PCH root ports)'],
  };
}
