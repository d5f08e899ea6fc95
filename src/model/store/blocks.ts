// Block arithmetic on one domain's descriptor runs: overlap, add, erase, coalesce.
// Blocks are kept sorted by (first, site) and may overlap only in the list layout (a multiset)
// or where two 'possible' allocations from different sites both might own an index.
import type { SourceSite } from '../../vocabulary/source-site';
import type { Block, Certainty, Collision, Erasure } from './types';

export function sameSite(a: SourceSite, b: SourceSite): boolean {
  return a.file === b.file && a.range.line === b.range.line && a.range.column === b.range.column && a.api === b.api;
}

/** Parts of existing blocks inside [first, last]; `definiteUpTo` bounds what the request surely covers. */
export function collisions(blocks: Block[], domain: number, first: number, last: number, definiteUpTo: number): Collision[] {
  const out: Collision[] = [];
  for (const b of blocks) {
    const lo = Math.max(b.first, first);
    const hi = Math.min(b.last, last);
    if (lo > hi) continue;
    const certainty: Certainty = b.certainty === 'definite' && lo <= definiteUpTo ? 'definite' : 'possible';
    const defHi = certainty === 'definite' ? Math.min(hi, definiteUpTo) : hi;
    out.push({ domain, first: lo, last: defHi, certainty, owner: b.site });
    if (certainty === 'definite' && defHi < hi) {
      out.push({ domain, first: defHi + 1, last: hi, certainty: 'possible', owner: b.site });
    }
  }
  return out;
}

export function anyDefinite(cs: { certainty: Certainty }[]): boolean {
  return cs.some((c) => c.certainty === 'definite');
}

/**
 * Remove [first, last] from the blocks. `certainty` 'possible' keeps them but downgrades the
 * erased part to possible (the erase happens only for some run-time values).
 */
export function erase(blocks: Block[], domain: number, first: number, last: number, certainty: Certainty = 'definite'): { blocks: Block[]; erased: Erasure[] } {
  const kept: Block[] = [];
  const erased: Erasure[] = [];
  for (const b of blocks) {
    const lo = Math.max(b.first, first);
    const hi = Math.min(b.last, last);
    if (lo > hi) {
      kept.push(b);
      continue;
    }
    const definite = certainty === 'definite' && b.certainty === 'definite';
    erased.push({ domain, first: lo, last: hi, certainty: definite ? 'definite' : 'possible', owner: b.site, irqsLeaked: false });
    if (b.first < lo) kept.push({ ...b, last: lo - 1 });
    if (certainty === 'possible') kept.push({ ...b, first: lo, last: hi, certainty: 'possible' });
    if (b.last > hi) kept.push({ ...b, first: hi + 1 });
  }
  return { blocks: sortBlocks(kept), erased };
}

export function sortBlocks(blocks: Block[]): Block[] {
  return blocks.sort(
    (a, b) =>
      a.first - b.first ||
      a.last - b.last ||
      a.site.file.localeCompare(b.site.file) ||
      a.site.range.line - b.site.range.line ||
      a.site.range.column - b.site.range.column,
  );
}

function sameAttributes(a: Block, b: Block): boolean {
  return (
    a.certainty === b.certainty &&
    a.associated === b.associated &&
    a.mode === b.mode &&
    a.label === b.label &&
    JSON.stringify(a.nvecUsed) === JSON.stringify(b.nvecUsed) &&
    sameSite(a.site, b.site)
  );
}

/** Merge adjacent runs with the same owner and attributes. */
export function coalesce(blocks: Block[]): Block[] {
  const sorted = sortBlocks([...blocks]);
  const out: Block[] = [];
  for (const b of sorted) {
    if (out.some((p) => p.first === b.first && p.last === b.last && sameAttributes(p, b))) continue;
    const prev = out.find((p) => p.last + 1 === b.first && sameAttributes(p, b));
    if (prev) prev.last = b.last;
    else out.push({ ...b });
  }
  return sortBlocks(out);
}

/** Lowest index in [0, cap-1] that no definite block holds, and whether a possible block might. */
export function lowestFree(blocks: Block[], cap: number): { index: number; contested: boolean } | null {
  let i = 0;
  while (i < cap) {
    const holder = blocks.find((b) => b.certainty === 'definite' && b.first <= i && i <= b.last);
    if (!holder) {
      const contested = blocks.some((b) => b.first <= i && i <= b.last);
      return { index: i, contested };
    }
    i = holder.last + 1;
  }
  return null;
}

/** Union of the blocks' spans clipped to [lo, hi], as sorted disjoint runs. */
function union(blocks: Block[], lo: number, hi: number): [number, number][] {
  const runs = blocks
    .map((b): [number, number] => [Math.max(b.first, lo), Math.min(b.last, hi)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function covers(runs: [number, number][], lo: number, hi: number): boolean {
  return runs.length === 1 && runs[0]![0] === lo && runs[0]![1] === hi;
}

/** For a lookup over [lo, hi]: is some index held by nothing, and is some index held only possibly? */
export function coverage(blocks: Block[], lo: number, hi: number): { uncovered: boolean; onlyPossible: boolean } {
  const any = union(blocks, lo, hi);
  const sure = union(
    blocks.filter((b) => b.certainty === 'definite'),
    lo,
    hi,
  );
  return { uncovered: !covers(any, lo, hi), onlyPossible: !covers(sure, lo, hi) };
}
