// Finds what sits under the cursor: the MSI fact whose call contains the position, the device
// of the map that fact belongs to, the findings on that call.
import type { Finding } from '../vocabulary/finding';
import type { FileFacts, MsiFact, Range } from '../facts/types';
import type { DeviceMap, MapSnapshot } from '../vocabulary/snapshot';
import type { SourceSite } from '../vocabulary/source-site';
import { rangeContains } from './locations';

function span(r: Range): number {
  return (r.endLine - r.line) * 10000 + (r.endColumn - r.column);
}

/** The innermost call at an LSP position (0-based), or undefined. */
export function factAt(facts: FileFacts | undefined, line: number, character: number): MsiFact | undefined {
  const hits = (facts?.facts ?? []).filter((f) => rangeContains(f.callRange, line, character));
  return hits.sort((a, b) => span(a.callRange) - span(b.callRange))[0];
}

/** Facts whose call touches any line of an LSP range (0-based, inclusive lines). */
export function factsOnLines(facts: FileFacts | undefined, startLine: number, endLine: number): MsiFact[] {
  return (facts?.facts ?? []).filter((f) => f.callRange.line - 1 <= endLine && f.callRange.endLine - 1 >= startLine);
}

export function siteIsFact(site: SourceSite, fact: MsiFact): boolean {
  return site.file === fact.file && site.range.line === fact.range.line && site.range.column === fact.range.column;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range, y: Range): boolean => x.endLine < y.line || (x.endLine === y.line && x.endColumn <= y.column);
  return !before(a, b) && !before(b, a);
}

export function findingsOnCall(findings: readonly Finding[], fact: MsiFact): Finding[] {
  return findings.filter((f) => f.file === fact.file && overlaps(f.range, fact.callRange));
}

/** The map device a fact belongs to: by an allocation drawn at its site, else by device key and file. */
export function deviceOfFact(map: MapSnapshot | undefined, fact: MsiFact): DeviceMap | undefined {
  if (!map) return undefined;
  const bySite = map.devices.find((d) =>
    d.domains.some((dom) => dom.allocations.some((a) => siteIsFact(a.site, fact)) || dom.conflicts.some((c) => siteIsFact(c.site, fact))),
  );
  if (bySite || !fact.device) return bySite;
  const key = fact.device.key;
  return map.devices.find(
    (d) => d.files.includes(fact.file) && (d.key === key || d.key.endsWith(`:${key}`) || d.key.startsWith(`${key}@`) || d.label === fact.device?.text),
  );
}
