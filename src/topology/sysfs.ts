// Parser for a sysfs IOMMU-group listing, one entry per line, as printed by
//   ls -d /sys/kernel/iommu_groups/*/devices/*        (groups only), or
//   ls -l /sys/kernel/iommu_groups/*/devices/*        (adds "-> ../../../../devices/pci0000:00/…"),
// The symlink target, when present, gives each function's bridge chain. sysfs carries no
// capability data: PCIe types, ACS and MSI sizes stay unknown (capsReadable: false).
import { formatBdf, parseBdf } from './bdf';
import { binaryLine, ProblemList } from './problems';
import type { ImportResult } from './lspci';
import type { PciFunction, Topology } from './types';

const entryRe = /iommu_groups\/(\d+)\/devices\/([0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7])(?:\s+->\s+(\S+))?\s*$/;
const pathBdfRe = /^[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/;

function fnFor(bdfText: string, line: number, map: Map<string, PciFunction>, synthesized: boolean): PciFunction | undefined {
  const b = parseBdf(bdfText);
  if (!b) return undefined;
  const key = formatBdf(b);
  let fn = map.get(key);
  if (!fn) {
    fn = { bdf: key, domain: b.domain, bus: b.bus, devfn: b.devfn, capsReadable: false, line, ...(synthesized ? { synthesized: true } : {}) };
    map.set(key, fn);
  }
  return fn;
}

/** ".../devices/pci0000:00/0000:00:1c.0/0000:01:00.0" -> the chain of functions, top first. */
function chainOf(target: string): string[] {
  return target.split('/').filter((p) => pathBdfRe.test(p));
}

export function parseSysfsListing(text: string, source: string): ImportResult {
  const problems = new ProblemList(source);
  const map = new Map<string, PciFunction>();
  const topology: Topology = { source, format: 'sysfs', functions: [], subdevices: [], platform: {} };
  const bin = binaryLine(text);
  if (bin !== undefined) {
    problems.add(bin, 'error', 'binary data (control characters): this is not a sysfs listing');
    return { topology, problems: problems.finish() };
  }
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const m = entryRe.exec(line);
    const fn = m ? fnFor(m[2]!, i + 1, map, false) : undefined;
    if (!m || !fn) {
      problems.add(i + 1, 'warning', `unrecognised line (expected …/iommu_groups/N/devices/DDDD:BB:SS.F): ${line.slice(0, 80)}`);
      return;
    }
    if (fn.iommuGroup !== undefined && fn.iommuGroup !== Number(m[1])) problems.add(i + 1, 'error', `${fn.bdf} listed in groups ${fn.iommuGroup} and ${m[1]}`);
    fn.iommuGroup = Number(m[1]);
    fn.synthesized = undefined;
    fn.line = i + 1;
    if (m[3]) linkChain(chainOf(m[3]), i + 1, map);
  });
  topology.functions = [...map.values()].sort((a, b) => a.domain - b.domain || a.bus - b.bus || a.devfn - b.devfn);
  for (const f of topology.functions) if (f.synthesized) f.line = 0; // 0: not in the input
  if (topology.functions.length === 0) problems.add(1, 'error', 'no iommu_groups entries found: not a sysfs IOMMU-group listing');
  return { topology, problems: problems.finish() };
}

/** Each function in a sysfs path is the bridge of the next one's bus: widen its bus range. */
function linkChain(chain: string[], line: number, map: Map<string, PciFunction>): void {
  for (let k = 0; k + 1 < chain.length; k++) {
    const bridge = fnFor(chain[k]!, line, map, true);
    const child = parseBdf(chain[k + 1]!);
    if (!bridge || !child) continue;
    bridge.secondary = bridge.secondary === undefined ? child.bus : Math.min(bridge.secondary, child.bus);
    const deepest = parseBdf(chain[chain.length - 1]!)!.bus;
    bridge.subordinate = Math.max(bridge.subordinate ?? 0, deepest, child.bus);
  }
}
