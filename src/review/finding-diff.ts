// Compares findings before and after a patch. Lines move, so findings are matched by what they are
// about: rule code, driver directory, device, the API on the line and the line's normalised text.
// Equal keys are matched as a multiset (two identical conflicts, one fixed: one stays, one is fixed).
import { dirname } from 'node:path';
import type { Finding } from '../check/finding';

/** Source text of a finding's line in the image it was found in ('' when unknown). */
export type LineText = (finding: Finding) => string;

export interface FindingDiff {
  introduced: Finding[];
  fixed: Finding[];
  unchanged: Finding[];
}

/** Whitespace-insensitive text of a source line, without a trailing comment. */
export function normaliseLine(text: string): string {
  const words = text.replace(/\/\*.*?\*\/|\/\/.*$/g, ' ').replace(/\s+/g, ' ').trim();
  return words.replace(/ ?([^\w ]) ?/g, '$1');
}

/** A device key ("path/file.c:pdev") reduced to its driver directory, so moves between files keep it. */
export function deviceInDirectory(device: string, rename: (file: string) => string): string {
  const colon = device.lastIndexOf(':');
  if (colon < 0) return device;
  return `${dirname(rename(device.slice(0, colon)))}:${device.slice(colon + 1)}`;
}

function apiOf(line: string): string {
  return /\b([A-Za-z_]\w*)\s*\(/.exec(line)?.[1] ?? '';
}

/** The identity of a finding across a patch; `renamed` maps before-paths to after-paths. */
export function findingKey(f: Finding, text: string, rename: (file: string) => string = (x) => x): string {
  const line = normaliseLine(text);
  return [f.code, dirname(rename(f.file)), deviceInDirectory(f.device ?? '', rename), apiOf(line), line].join('\u0000');
}

function groupByKey(findings: Finding[], keyOf: (f: Finding) => string): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = keyOf(f);
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  return groups;
}

export function diffFindings(
  before: Finding[],
  after: Finding[],
  textBefore: LineText,
  textAfter: LineText,
  rename?: (file: string) => string,
): FindingDiff {
  const old = groupByKey(before, (f) => findingKey(f, textBefore(f), rename));
  const out: FindingDiff = { introduced: [], fixed: [], unchanged: [] };
  for (const [key, group] of groupByKey(after, (f) => findingKey(f, textAfter(f)))) {
    const matched = old.get(key) ?? [];
    out.unchanged.push(...group.slice(0, matched.length));
    out.introduced.push(...group.slice(matched.length));
    old.set(key, matched.slice(group.length));
  }
  for (const rest of old.values()) out.fixed.push(...rest);
  return out;
}
