// What each consumer of the alias walk selects from it (msi-semantics §4.2 table): the IOMMU
// group anchor, Intel interrupt-remapping source-ID verification (set_msi_sid), the GICv3 ITS
// DeviceID and ITT sizing (its_pci_msi_prepare, get_msi_id_cb), the AMD IRT install set
// (alloc_irq_table) and the ARM SMMU stream IDs.
import type { EraInfo } from '../../facts/types';
import { formatRid, rid } from '../../topology/bdf';
import type { Platform } from '../../topology/types';
import type { RawWalk } from './alias-walk';
import type { DeviceGraph } from './graph';

export interface IntelIrMode {
  /** The set_msi_sid decision case (1..4). */
  case: 1 | 2 | 3 | 4;
  mode: 'verify-bus' | 'verify-sid';
  sid?: number;
  busRange?: [number, number];
  text: string;
}

const busNum = (r: number): number => r >> 8;

/** drivers/iommu/intel/irq_remapping.c set_msi_sid_cb + set_msi_sid (6.1 = 6.12). */
export function intelIrMode(graph: DeviceGraph, walk: RawWalk): IntelIrMode {
  // intel_irq_remapping_prepare_irte passes pci_real_dma_dev(dev) to set_msi_sid.
  const dev = graph.devices.get(walk.realDmaDev ?? walk.device)!.fn;
  let count = 0;
  let busmatch = 0;
  let last = walk.pairs[0]!;
  for (const p of walk.pairs) {
    if (count === 0 || busNum(p.alias) === busNum(last.alias)) busmatch++;
    last = p;
    count++;
  }
  const lastPdevBus = graph.devices.get(last.pdev)!.fn.bus;
  const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
  if (busNum(last.alias) !== lastPdevBus) {
    const range: [number, number] = [busNum(last.alias), dev.bus];
    return { case: 1, mode: 'verify-bus', busRange: range, text: `SVT_VERIFY_BUS ${hex2(range[0])}..${hex2(range[1])} (bridge alias on another bus)` };
  }
  if (count >= 2 && busmatch === count) {
    return { case: 2, mode: 'verify-bus', busRange: [dev.bus, dev.bus], text: `SVT_VERIFY_BUS ${hex2(dev.bus)}..${hex2(dev.bus)} (${count} same-bus aliases)` };
  }
  if (lastPdevBus !== dev.bus) return { case: 3, mode: 'verify-sid', sid: last.alias, text: `SVT_VERIFY_SID_SQ SID ${formatRid(last.alias)} (bridge RID)` };
  const own = rid(dev.bus, dev.devfn);
  return { case: 4, mode: 'verify-sid', sid: own, text: `SVT_VERIFY_SID_SQ SID ${formatRid(own)} (${walk.realDmaDev ? 'VMD endpoint RID' : 'own RID'})` };
}

export interface ItsView {
  /** Requester ID handed to msi-map/IORT (pci_msi_domain_get_msi_rid before translation). */
  rid: number;
  /** After the platform's msi-map, when given. */
  deviceId?: number;
  /** its_get_pci_alias: the pdev of the last pair. */
  aliasDev: string;
  proxy: boolean;
  /** Σ max(MSI capable count, MSI-X table size) over the alias bridge's subtree (0 when not proxy). */
  aliasCount: number;
  /** A function below the bridge has unknown capability sizes. */
  aliasCountPartial: boolean;
}

/** drivers/pci/msi/irqdomain.c get_msi_id_cb: same-bus aliases never change the rid. */
function itsRid(graph: DeviceGraph, walk: RawWalk): number {
  const dev = graph.devices.get(walk.device)!.fn;
  let r = rid(dev.bus, dev.devfn);
  for (const p of walk.pairs) {
    const pdevBus = graph.devices.get(p.pdev)!.fn.bus;
    if (pdevBus !== busNum(r) || busNum(p.alias) !== busNum(r)) r = p.alias;
  }
  return r;
}

export function translateMsiMap(platform: Platform, r: number): number | undefined {
  const hit = platform.msiMap?.find((m) => r >= m.ridBase && r < m.ridBase + m.length);
  return hit ? hit.deviceIdBase + (r - hit.ridBase) : undefined;
}

/** pci_walk_bus over the alias bridge's subordinate range, summing capability sizes. */
function subtreeCapability(graph: DeviceGraph, bridgeBdf: string): { sum: number; partial: boolean } {
  const b = graph.devices.get(bridgeBdf)!.fn;
  if (b.secondary === undefined || b.subordinate === undefined) return { sum: 0, partial: false };
  let sum = 0;
  let partial = false;
  for (const node of graph.devices.values()) {
    const f = node.fn;
    if (f.domain !== b.domain || f.bus < b.secondary || f.bus > b.subordinate) continue;
    if (!f.capsReadable) partial = true;
    sum += Math.max(f.msi?.maxCount ?? 0, f.msix?.tableSize ?? 0);
  }
  return { sum, partial };
}

export function itsView(graph: DeviceGraph, walk: RawWalk): ItsView {
  const aliasDev = walk.pairs[walk.pairs.length - 1]!.pdev;
  const proxy = aliasDev !== walk.device;
  const cap = proxy ? subtreeCapability(graph, aliasDev) : { sum: 0, partial: false };
  const r = itsRid(graph, walk);
  const deviceId = translateMsiMap(graph.topology.platform, r);
  return { rid: r, ...(deviceId !== undefined ? { deviceId } : {}), aliasDev, proxy, aliasCount: cap.sum, aliasCountPartial: cap.partial };
}

const roundupPow2 = (n: number): number => (n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)));

/** Which its_pci_msi_prepare sizes the ITT: 6.1, 6.12 (per allocation) or 7.x (once, at domain creation). */
export type ItsEra = '6.1' | '6.12' | '7.x';

/** The ITS era of a tree's era. */
export function itsEra(era: EraInfo): ItsEra {
  return era.era !== 'per-domain' ? '6.1' : era.generation === '7.x' ? '7.x' : '6.12';
}

/**
 * Events in the ITT its_pci_msi_prepare asks for (6.12 irq-gic-v3-its-msi-parent.c; 6.1
 * irq-gic-v3-its-pci-msi.c without the hwsize step): max(nvec, hwsize, aliasCount) rounded up
 * to a power of two, at least 32 when the DeviceID is 0. 7.x (irq-gic-its-msi-parent.c,
 * called once from kernel/irq/msi.c:msi_create_device_irq_domain) gets the domain's hwsize as
 * nvec: the ITT is sized by the domain, whatever the allocation asks for.
 */
export function ittEvents(opts: { nvec: number; hwsize?: number; aliasCount: number; deviceId: number; era: ItsEra }): number {
  let nvec = opts.nvec;
  if (opts.era === '6.12' && opts.hwsize !== undefined && opts.hwsize > nvec) nvec = opts.hwsize;
  if (opts.era === '7.x' && opts.hwsize !== undefined) nvec = opts.hwsize;
  nvec = Math.max(nvec, opts.aliasCount);
  const minnvec = opts.deviceId === 0 ? 32 : 1;
  return Math.max(minnvec, roundupPow2(nvec));
}

/** amd/iommu.c alloc_irq_table: the IRT is installed on every alias of the walk. */
export function amdIrtRids(walk: RawWalk): number[] {
  return [...new Set(walk.pairs.map((p) => p.alias))];
}

/** of_pci_iommu_init / iort_pci_iommu_init: one stream ID per alias (before iommu-map). */
export function smmuStreamRids(walk: RawWalk): number[] {
  return [...new Set(walk.pairs.map((p) => p.alias))];
}
