// Parser for `lspci -vv[v]` output, with or without -nn (IDs) and -D (domains). Each function
// starts at an unindented "BDF class: name" line; indented lines are matched against the
// table in lspci-lines.ts. Unknown unindented lines and malformed known lines are reported
// with their line numbers and skipped.
import { formatBdf, parseBdf } from './bdf';
import { bridgeClassNames, detailLines } from './lspci-lines';
import { binaryLine, ProblemList } from './problems';
import type { PciFunction, Topology } from './types';
import type { FileProblem } from '../facts/types';

const headerRe = /^((?:[0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]) (.*)$/;
const idRe = /\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]/g;

/** "PCI bridge [0604]: Vendor Name [1b21:1080] (rev 01)" -> class, IDs, name. */
function parseHeaderRest(rest: string, fn: PciFunction): string | undefined {
  const colon = rest.indexOf(': ');
  if (colon < 0) return `header line has no "class: name" part`;
  const cls = rest.slice(0, colon);
  const name = rest.slice(colon + 2);
  const clsCode = /^(.*) \[([0-9a-fA-F]{4})\]$/.exec(cls);
  if (clsCode) fn.classCode = parseInt(clsCode[2]!, 16);
  else if (bridgeClassNames[cls] !== undefined) fn.classCode = bridgeClassNames[cls];
  const ids = [...name.matchAll(idRe)];
  const last = ids[ids.length - 1];
  if (last) {
    fn.vendor = parseInt(last[1]!, 16);
    fn.device = parseInt(last[2]!, 16);
  }
  fn.name = name.replace(/\s+\((?:rev [0-9a-fA-F]+|prog-if [0-9a-fA-F]+)\b.*$/, '').replace(/\s*\[[0-9a-fA-F]{4}:[0-9a-fA-F]{4}\]\s*$/, '');
  return undefined;
}

function newFunction(bdfText: string, line: number): PciFunction | undefined {
  const b = parseBdf(bdfText);
  if (!b) return undefined;
  return { bdf: formatBdf(b), domain: b.domain, bus: b.bus, devfn: b.devfn, capsReadable: true, line };
}

export interface ImportResult {
  topology: Topology;
  problems: FileProblem[];
}

export function parseLspci(text: string, source: string): ImportResult {
  const problems = new ProblemList(source);
  const functions: PciFunction[] = [];
  const topology: Topology = { source, format: 'lspci', functions, subdevices: [], platform: {} };
  const bin = binaryLine(text);
  if (bin !== undefined) {
    problems.add(bin, 'error', 'binary data (control characters): this is not lspci text output');
    return { topology, problems: problems.finish() };
  }
  const lines = text.split(/\r?\n/);
  let cur: PciFunction | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const no = i + 1;
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      if (!cur) {
        problems.add(no, 'warning', 'indented line before any device header; skipped');
        continue;
      }
      applyDetail(line.trim(), cur, no, problems);
      continue;
    }
    const h = headerRe.exec(line);
    const fn = h ? newFunction(h[1]!, no) : undefined;
    if (!h || !fn) {
      cur = undefined;
      problems.add(no, 'warning', `unrecognised line (expected a "bus:slot.fn class: name" header): ${line.slice(0, 80)}`);
      continue;
    }
    const err = parseHeaderRest(h[2]!, fn);
    if (err) problems.add(no, 'warning', `${err}; class and IDs unknown`);
    if (seen.has(fn.bdf)) {
      problems.add(no, 'error', `${fn.bdf} appears twice; the second entry is skipped`);
      cur = undefined;
      continue;
    }
    if (fn.vendor === 0xffff && fn.device === 0xffff) {
      fn.capsReadable = false;
      problems.add(no, 'info', `${fn.bdf} reads all-ones (powered off or absent); kept, but its capabilities are unknown`);
    }
    seen.add(fn.bdf);
    functions.push(fn);
    cur = fn;
  }
  finishChecks(text, lines.length, topology, problems);
  return { topology, problems: problems.finish() };
}

function applyDetail(body: string, fn: PciFunction, no: number, problems: ProblemList): void {
  for (const [re, apply] of detailLines) {
    const m = re.exec(body);
    if (!m) continue;
    const r = apply(m, fn);
    if (r !== 'ok') problems.add(no, 'warning', `${fn.bdf}: ${r.error}; line skipped`);
    return;
  }
}

function finishChecks(text: string, lineCount: number, topology: Topology, problems: ProblemList): void {
  const fns = topology.functions;
  if (fns.length === 0) {
    problems.add(1, 'error', 'no PCI function headers found: not `lspci -vv` output');
    return;
  }
  if (text.length > 0 && !text.endsWith('\n')) problems.add(lineCount, 'warning', 'input ends in the middle of a line: the dump may be truncated');
  if (fns.some((f) => f.vendor === undefined)) {
    topology.idsMissing = true;
    const first = fns.find((f) => f.vendor === undefined)!;
    problems.add(first.line, 'info', 'no [vendor:device] IDs on header lines (lspci run without -nn): DMA-alias quirks cannot be matched for those functions');
  }
  const bridgesWithoutBus = fns.filter((f) => f.classCode === 0x0604 && f.secondary === undefined);
  for (const b of bridgesWithoutBus) problems.add(b.line, 'warning', `${b.bdf} is a PCI bridge but has no "Bus:" line: devices below it cannot be placed`);
}
