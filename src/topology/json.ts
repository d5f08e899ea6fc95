// Importer for the JSON topology format (schema.ts), validated with ajv. Schema errors are
// reported at the line of the offending function (found by its "bdf" text) and that entry is
// skipped; JSON syntax errors are reported at their line.
import Ajv from 'ajv';
import { formatBdf, parseBdf } from './bdf';
import { ProblemList } from './problems';
import { topologySchema } from './schema';
import type { ImportResult } from './lspci';
import type { PciFunction, PcieType, Platform, Subdevice, Topology } from './types';
import type { DeviceClass } from '../vocabulary/device-class';
import { isRecord } from '../vocabulary/is-record';

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ReturnType<Ajv['compile']> {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(topologySchema);
  validator(data);
  return validator;
}

function lineAt(text: string, offset: number): number {
  return positionAt(text, offset).line;
}

/** 1-based line and column (in UTF-16 code units, as editors count) of `offset`. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++, (lineStart = i + 1);
  return { line, column: Math.min(offset, text.length) - lineStart + 1 };
}

/** Where JSON.parse stopped: its message gives a position (V8) or a line and column. */
function parseErrorAt(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) return positionAt(text, Number(pos[1]));
  // "Unexpected end of JSON input": at the end of the text.
  return positionAt(text, text.length);
}

function shapeOf(data: unknown): string {
  return data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
}

/** Line of the n-th `"key":` after the array `"within":` (items of one array appear in order). */
function lineOfItem(text: string, within: 'functions' | 'subdevices', key: string, n: number): number {
  const re = new RegExp(`"${key}"\\s*:`, 'g');
  re.lastIndex = Math.max(0, text.search(new RegExp(`"${within}"\\s*:`)));
  let m: RegExpExecArray | null = null;
  for (let k = 0; k <= n; k++) {
    m = re.exec(text);
    if (!m) return 1;
  }
  return m ? lineAt(text, m.index) : 1;
}

interface RawFunction {
  bdf: string;
  pcie: PcieType | 'conventional';
  id?: string;
  subsystem?: string;
  class?: string;
  name?: string;
  bus?: { secondary: number; subordinate: number };
  msi?: { count: number; maskable?: boolean; is64?: boolean };
  msix?: { tableSize: number };
  acs?: boolean;
  sriov?: { numVfs: number; totalVfs?: number; offset: number; stride: number; vfDevice?: string };
  dmaAliases?: string[];
  iommuGroup?: number;
  driver?: string;
}

interface RawTopology {
  platform?: Platform;
  functions: RawFunction[];
  subdevices?: { name: string; class: DeviceClass; parent?: string; iommu?: boolean; driver?: string }[];
}

const pair = (s: string): [number, number] => s.split(':').map((x) => parseInt(x, 16)) as [number, number];

function toFunction(r: RawFunction, line: number): PciFunction {
  const b = parseBdf(r.bdf)!;
  const fn: PciFunction = { bdf: formatBdf(b), domain: b.domain, bus: b.bus, devfn: b.devfn, capsReadable: true, line };
  if (r.id) [fn.vendor, fn.device] = pair(r.id);
  if (r.subsystem) {
    const [vendor, device] = pair(r.subsystem);
    fn.subsystem = { vendor, device };
  }
  if (r.class) fn.classCode = parseInt(r.class.replace(/^0x/, ''), 16);
  else if (r.bus) fn.classCode = 0x0604;
  if (r.name) fn.name = r.name;
  if (r.pcie !== 'conventional') fn.pcie = r.pcie;
  if (r.bus) [fn.secondary, fn.subordinate] = [r.bus.secondary, r.bus.subordinate];
  if (r.msi) fn.msi = { maxCount: r.msi.count, maskable: r.msi.maskable, is64: r.msi.is64 };
  if (r.msix) fn.msix = { tableSize: r.msix.tableSize };
  if (r.acs !== undefined) fn.acs = { sv: r.acs, rr: r.acs, cr: r.acs, uf: r.acs };
  if (r.sriov) {
    const { vfDevice, ...rest } = r.sriov;
    fn.sriov = { ...rest, ...(vfDevice ? { vfDevice: parseInt(vfDevice, 16) } : {}) };
  }
  if (r.dmaAliases) fn.dmaAliases = r.dmaAliases.map((a) => parseBdf(`00:${a}`)!.devfn);
  if (r.iommuGroup !== undefined) fn.iommuGroup = r.iommuGroup;
  if (r.driver) fn.driver = r.driver;
  return fn;
}

export function parseJsonTopology(text: string, source: string): ImportResult {
  const problems = new ProblemList(source);
  const topology: Topology = { source, format: 'json', functions: [], subdevices: [], platform: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const at = parseErrorAt(text, msg);
    problems.add(at.line, 'error', `not valid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, at.column);
    return { topology, problems: problems.finish() };
  }
  if (!isRecord(data)) {
    problems.add(1, 'error', `a JSON topology is an object with a "functions" array (schemas/topology.schema.json); this file holds ${shapeOf(data)}`);
    return { topology, problems: problems.finish() };
  }
  const v = validate(data);
  const badItems = new Map<string, number>();
  for (const e of v.errors ?? []) {
    const m = /^\/(functions|subdevices)\/(\d+)/.exec(e.instancePath);
    const line = m ? lineOfItem(text, m[1] as 'functions' | 'subdevices', m[1] === 'functions' ? 'bdf' : 'name', Number(m[2])) : 1;
    if (m) badItems.set(`${m[1]}/${m[2]}`, line);
    const skipped = m ? '; entry skipped' : e.instancePath.startsWith('/platform') ? '; platform ignored' : '';
    problems.add(line, 'error', `${e.instancePath || '(top level)'} ${e.message ?? 'is invalid'}${skipped}`);
  }
  if (!isRecord(data) || !Array.isArray(data.functions)) return { topology, problems: problems.finish() };
  const raw = data as unknown as RawTopology;
  const seen = new Set<string>();
  raw.functions.forEach((r, i) => {
    if (badItems.has(`functions/${i}`)) return;
    const fn = toFunction(r, lineOfItem(text, 'functions', 'bdf', i));
    if (seen.has(fn.bdf)) return problems.add(fn.line, 'error', `${fn.bdf} appears twice; the second entry is skipped`);
    seen.add(fn.bdf);
    topology.functions.push(fn);
  });
  (raw.subdevices ?? []).forEach((s, i) => {
    if (badItems.has(`subdevices/${i}`)) return;
    const sub: Subdevice = { name: s.name, class: s.class, line: lineOfItem(text, 'subdevices', 'name', i) };
    if (s.parent) {
      const b = s.parent.includes(':') ? parseBdf(s.parent) : undefined;
      if (s.parent.includes(':') && !b)
        problems.add(sub.line, 'error', `subdevice ${s.name}: parent "${s.parent}" is not a valid bus:slot.fn; parent left unknown`);
      else sub.parent = b ? formatBdf(b) : s.parent;
    }
    if (s.iommu !== undefined) sub.iommu = s.iommu;
    if (s.driver) sub.driver = s.driver;
    topology.subdevices.push(sub);
  });
  const platformBad = (v.errors ?? []).some((e) => e.instancePath.startsWith('/platform'));
  if (isRecord(data.platform) && !platformBad) topology.platform = data.platform as Platform;
  return { topology, problems: problems.finish() };
}
