// The device graph the alias walk runs on: PCI functions with their bus, each bus with the
// bridge leading to it (bus->self) and its parent bus, and the per-device DMA-alias state the
// kernel builds at fixup time (dma_alias_mask, PCI_DEV_FLAG_PCIE_BRIDGE_ALIAS,
// PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT), from the quirk table.
import { busKey } from '../../topology/bdf';
import type { PciFunction, Topology } from '../../topology/types';
import { quirkAliasDevfns, type QuirkRow } from './quirk-kinds';
import { builtinQuirks } from './quirk-table';

export interface DeviceNode {
  fn: PciFunction;
  /** Same-bus alias devfns (dma_alias_mask), ascending. */
  aliasDevfns: number[];
  /** A HWTABLE quirk adds aliases only the hardware knows. */
  aliasesUnknown: boolean;
  pcieBridgeAlias: boolean;
  xlateRoot: boolean;
  /** Quirk rows that matched, for display. */
  quirks: QuirkRow[];
  /** Why something about this device is not certain. */
  notes: string[];
}

export interface BusNode {
  key: string;
  domain: number;
  number: number;
  /** The bridge whose secondary bus this is; absent on root and virtual buses. */
  self?: DeviceNode;
  /** Absent on root buses. */
  parent?: BusNode;
  /** A bus created for SR-IOV VFs (virtfn_add_bus): no self, parent = the PF's bus. */
  virtual: boolean;
  devices: DeviceNode[];
}

export interface DeviceGraph {
  topology: Topology;
  /** pci_real_dma_dev: devices in an Intel VMD domain -> the VMD endpoint (bdf). */
  realDmaDev: Map<string, string>;
  devices: Map<string, DeviceNode>;
  buses: Map<string, BusNode>;
  busOf(node: DeviceNode): BusNode;
  /** Notes about the whole graph (duplicate bus numbers, unplaceable devices). */
  notes: string[];
}

function quirksFor(fn: PciFunction, table: readonly QuirkRow[]): QuirkRow[] {
  if (fn.vendor === undefined || fn.device === undefined) return [];
  return table.filter(
    (q) =>
      q.vendor === fn.vendor &&
      q.device === fn.device &&
      (!q.subsystem || (fn.subsystem?.vendor === q.subsystem.vendor && fn.subsystem.device === q.subsystem.device)) &&
      (q.classMatch === undefined || fn.classCode === q.classMatch),
  );
}

function newNode(fn: PciFunction, table: readonly QuirkRow[]): DeviceNode {
  const node: DeviceNode = { fn, aliasDevfns: [], aliasesUnknown: false, pcieBridgeAlias: false, xlateRoot: false, quirks: quirksFor(fn, table), notes: [] };
  const mask = new Set<number>(fn.dmaAliases ?? []);
  for (const q of node.quirks) {
    const add = quirkAliasDevfns(q.kind, fn.devfn);
    if (add === 'unknown') node.aliasesUnknown = true;
    else add.forEach((d) => mask.add(d));
    if (q.kind === 'XLATE_STOP') node.xlateRoot = true;
  }
  node.aliasDevfns = [...mask].sort((a, b) => a - b);
  return node;
}

function placeBuses(graph: DeviceGraph): void {
  const bridgeFor = new Map<string, DeviceNode>();
  for (const node of graph.devices.values()) {
    const { fn } = node;
    if (fn.secondary === undefined) continue;
    const key = busKey(fn.domain, fn.secondary);
    const prior = bridgeFor.get(key);
    if (prior) graph.notes.push(`bus ${key} is the secondary bus of both ${prior.fn.bdf} and ${fn.bdf}; using ${prior.fn.bdf}`);
    else bridgeFor.set(key, node);
  }
  const busFor = (domain: number, number: number): BusNode => {
    const key = busKey(domain, number);
    let bus = graph.buses.get(key);
    if (!bus) {
      bus = { key, domain, number, virtual: false, devices: [] };
      graph.buses.set(key, bus);
    }
    return bus;
  };
  for (const node of graph.devices.values()) busFor(node.fn.domain, node.fn.bus).devices.push(node);
  for (const bus of [...graph.buses.values()]) {
    const self = bridgeFor.get(bus.key);
    if (self && self.fn.bus !== bus.number) {
      bus.self = self;
      bus.parent = busFor(self.fn.domain, self.fn.bus);
      continue;
    }
    const vfs = bus.devices.filter((d) => d.fn.physfn !== undefined);
    const pf = vfs.length === bus.devices.length && vfs[0] ? graph.devices.get(vfs[0].fn.physfn!) : undefined;
    if (pf && pf.fn.bus !== bus.number) {
      bus.virtual = true;
      bus.parent = busFor(pf.fn.domain, pf.fn.bus);
    }
  }
}

/** quirk_use_pcie_bridge_dma_alias: decided on the bridge from its upstream bridge's type. */
function applyBridgeFlag(graph: DeviceGraph): void {
  for (const node of graph.devices.values()) {
    if (!node.quirks.some((q) => q.kind === 'BRIDGE_FLAG')) continue;
    const bus = graph.busOf(node);
    const up = bus.self;
    const isBridge = node.fn.secondary !== undefined;
    if (!node.fn.capsReadable || (up && !up.fn.capsReadable)) {
      node.notes.push('BRIDGE_FLAG quirk matched but PCIe capabilities are not readable: flag not applied');
      continue;
    }
    if (bus.parent && isBridge && !node.fn.pcie && up?.fn.pcie && up.fn.pcie !== 'pcie-to-pci') node.pcieBridgeAlias = true;
  }
}

export function buildGraph(topology: Topology, quirks: readonly QuirkRow[] = builtinQuirks): DeviceGraph {
  const devices = new Map(topology.functions.map((fn) => [fn.bdf, newNode(fn, quirks)]));
  const graph: DeviceGraph = {
    topology,
    devices,
    buses: new Map(),
    realDmaDev: new Map(),
    notes: [],
    busOf(node) {
      return this.buses.get(busKey(node.fn.domain, node.fn.bus))!;
    },
  };
  placeBuses(graph);
  applyBridgeFlag(graph);
  linkVmdDomains(graph);
  return graph;
}

/** Intel VMD endpoints (drivers/pci/controller/vmd.c vmd_ids). */
const vmdDeviceIds = new Set([0x201d, 0x28c0, 0x467f, 0x4c3d, 0xa77f, 0x7d0b, 0xad0b, 0x9a0b, 0xb60b, 0xb06f]);

/**
 * VMD domains start at 0x10000 (vmd_find_free_domain) and are numbered in probe order. With as
 * many VMD endpoints as VMD domains they are paired in order; otherwise the link stays unknown.
 */
function linkVmdDomains(graph: DeviceGraph): void {
  const fns = graph.topology.functions;
  const domains = [...new Set(fns.filter((f) => f.domain >= 0x10000).map((f) => f.domain))].sort((a, b) => a - b);
  if (domains.length === 0) return;
  const vmds = fns.filter((f) => f.vendor === 0x8086 && f.device !== undefined && vmdDeviceIds.has(f.device) && f.domain < 0x10000);
  if (vmds.length !== domains.length) {
    graph.notes.push(
      `${domains.length} VMD domain(s) but ${vmds.length} VMD endpoint(s): devices behind VMD are not linked to their endpoint (pci_real_dma_dev)`,
    );
    return;
  }
  if (vmds.length > 1) graph.notes.push('several VMD endpoints: paired with the VMD domains in enumeration order');
  domains.forEach((d, i) => {
    for (const f of fns) if (f.domain === d) graph.realDmaDev.set(f.bdf, vmds[i]!.bdf);
  });
}
