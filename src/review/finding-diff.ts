// Compares findings before and after a patch. Lines move, so findings are matched by what they are
// about: rule code, driver directory, device, the API on the line and the line's normalised text.
// Equal keys are matched as a multiset (two identical conflicts, one fixed: one stays, one is fixed).
import { dirname } from 'node:path';
import type { Finding } from '../vocabulary/finding';

/** Source text of a finding's line in the image it was found in ('' when unknown). */
export type LineText = (finding: Finding) => string;

export interface FindingDiff {
  introduced: Finding[];
  fixed: Finding[];
  unchanged: Finding[];
}

/** Whitespace-insensitive text of a source line, without a trailing comment. */
export function normaliseLine(text: string): string {
  const words = text
    .replace(/\/\*.*?\*\/|\/\/.*$/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

/** The same verdict in other words: rule, driver directory, device, API and message without line numbers. */
export function verdictKey(f: Finding, text: string, rename: (file: string) => string = (x) => x): string {
  const message = f.message.replace(/:\d+\b/g, ':#');
  return [f.code, dirname(rename(f.file)), deviceInDirectory(f.device ?? '', rename), apiOf(normaliseLine(text)), message].join('\u0000');
}

/** Matches `after` against `before` by key, as multisets; returns what stays unmatched on each side. */
function match(
  before: Finding[],
  after: Finding[],
  keyBefore: (f: Finding) => string,
  keyAfter: (f: Finding) => string,
  out: FindingDiff,
): { before: Finding[]; after: Finding[] } {
  const old = groupByKey(before, keyBefore);
  const left: Finding[] = [];
  for (const [key, group] of groupByKey(after, keyAfter)) {
    const matched = old.get(key) ?? [];
    out.unchanged.push(...group.slice(0, matched.length));
    left.push(...group.slice(matched.length));
    old.set(key, matched.slice(group.length));
  }
  return { before: [...old.values()].flat(), after: left };
}

/**
 * First by the line's text; what is left by the verdict itself, so an edit elsewhere on the line
 * (a renamed local, a reformatted call) does not turn one finding into a "fixed" and an "introduced".
 */
export function diffFindings(before: Finding[], after: Finding[], textBefore: LineText, textAfter: LineText, rename?: (file: string) => string): FindingDiff {
  const out: FindingDiff = { introduced: [], fixed: [], unchanged: [] };
  const byLine = match(
    before,
    after,
    (f) => findingKey(f, textBefore(f), rename),
    (f) => findingKey(f, textAfter(f)),
    out,
  );
  const byVerdict = match(
    byLine.before,
    byLine.after,
    (f) => verdictKey(f, textBefore(f), rename),
    (f) => verdictKey(f, textAfter(f)),
    out,
  );
  out.fixed.push(...byVerdict.before);
  out.introduced.push(...byVerdict.after);
  return out;
}
