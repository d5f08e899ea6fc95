// Text a reviewer can paste into a reply: one block per patch, post-image file:line references,
// the rule code and a one-line explanation; then the whole series.
import type { EraInfo } from '../facts/types';
import type { MapChange, PatchReview, ReviewFinding, ReviewResult } from './types';

export interface TextOptions {
  showUnchanged: boolean;
}

function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  const stop = flat.search(/\.(\s|$)/);
  return stop > 0 ? flat.slice(0, stop + 1) : flat;
}

/** One finding; in the whole-series block it names the patch that introduced or fixed it. */
function findingLine(rf: ReviewFinding, series: boolean): string {
  const f = rf.finding;
  const where = `${f.file}:${f.range.line}`;
  const origin = !series || rf.patchIndex === undefined ? '' : rf.kind === 'fixed' ? ` (fixed by patch ${rf.patchIndex})` : ` (patch ${rf.patchIndex})`;
  return `  ${where}: ${f.severity}: ${oneLine(f.message)} [${f.code}]${origin}`;
}

function section(title: string, items: string[]): string[] {
  return items.length === 0 ? [] : [`${title}:`, ...items];
}

function eraText(before: EraInfo, after: EraInfo): string[] {
  return before.label === after.label ? [] : [`Model: era changes from ${before.label} to ${after.label}`];
}

/** Findings in files the patch does not touch (an API or header change): listed up to a few per rule, then counted. */
function outsideLines(found: ReviewFinding[], series: boolean): string[] {
  const byCode = new Map<string, ReviewFinding[]>();
  for (const x of found) byCode.set(x.finding.code, [...(byCode.get(x.finding.code) ?? []), x]);
  return [...byCode].flatMap(([code, list]) => {
    if (list.length <= shownOutside) return list.map((x) => findingLine(x, series));
    const files = new Set(list.map((x) => x.finding.file)).size;
    return [
      ...list.slice(0, shownOutside).map((x) => findingLine(x, series)),
      `  ... and ${list.length - shownOutside} more [${code}] (${list.length} in ${files} files this patch does not touch; --format json lists all)`,
    ];
  });
}

const shownOutside = 5;

function body(r: Omit<PatchReview, 'patch'>, options: TextOptions, series: boolean): string[] {
  const of = (kind: ReviewFinding['kind']) => {
    const found = r.findings.filter((x) => x.kind === kind);
    return [
      ...found.filter((x) => !x.outside).map((x) => findingLine(x, series)),
      ...outsideLines(
        found.filter((x) => x.outside),
        series,
      ),
    ];
  };
  const changes = (list: MapChange[]) => list.map((c) => `  ${c.text}`);
  const lines = [
    ...eraText(r.eraBefore, r.eraAfter),
    ...section('Introduces', of('introduced')),
    ...section('Fixes', of('fixed')),
    ...section('Map changes', changes(r.mapChanges)),
    ...(options.showUnchanged ? section('Unchanged', of('unchanged')) : []),
    ...section(
      'Could not review',
      r.problems.map((p) => `  ${p}`),
    ),
  ];
  return lines.length > 0 ? lines : ['No change in MSI findings or allocations.'];
}

export function formatReviewText(result: ReviewResult, options: TextOptions): string {
  const shared = (source: string) => result.patches.filter((p) => p.patch.source === source).length > 1;
  const blocks = result.patches.map((p) => {
    const where = shared(p.patch.source) ? `${p.patch.source}:${p.patch.firstLine}` : p.patch.source;
    const head = `[${p.patch.index}/${result.patches.length}] ${p.patch.subject} (${where})`;
    return [head, ...p.patch.notes.map((n) => `Note: ${n}`), ...body(p, options, false)].join('\n');
  });
  if (result.patches.length > 1)
    blocks.push([`Whole series (${result.patches.length} patches) against ${result.tree}`, ...body(result.cumulative, options, true)].join('\n'));
  return blocks.join('\n\n') + '\n';
}

/** Every introduced finding, per patch and for the whole series (the exit status looks at these). */
export function introducedFindings(result: ReviewResult): ReviewFinding[] {
  return [...result.patches.flatMap((p) => p.findings), ...result.cumulative.findings].filter((x) => x.kind === 'introduced');
}
