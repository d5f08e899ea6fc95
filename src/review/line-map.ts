// Maps tree lines to patch-file lines: a post-image line to the `+` (or context) line that shows it,
// a pre-image line to the `-` line that removed it, else the hunk that covers it. Hunks are located
// in the actual images, so a hunk jsdiff applied at an offset still maps exactly.
import type { FilePatch, Hunk } from './types';

interface HunkSpan {
  preFirst: number;
  preLast: number;
  postFirst: number;
  postLast: number;
  headerLine: number;
}

export interface FileLineMap {
  oldPath: string | null;
  newPath: string | null;
  headerLine: number;
  post: Map<number, number>;
  pre: Map<number, number>;
  spans: HunkSpan[];
}

function side(h: Hunk, keep: string): string[] {
  return h.lines.filter((l) => l[0] === ' ' || l[0] === keep || l === '').map((l) => l.slice(1));
}

function matchesAt(image: string[], at: number, want: string[]): boolean {
  for (let k = 0; k < want.length; k++) if (image[at + k] !== want[k]) return false;
  return at >= 0 && at + want.length <= image.length;
}

/** 0-based index where `want` sits in `image`, searching outward from `expected`. */
function locate(image: string[], want: string[], expected: number): number {
  if (want.length === 0) return Math.max(0, expected);
  for (let d = 0; d <= image.length; d++) {
    if (matchesAt(image, expected - d, want)) return expected - d;
    if (d > 0 && matchesAt(image, expected + d, want)) return expected + d;
  }
  return Math.max(0, expected);
}

function imageLines(text: string | undefined): string[] {
  return text === undefined ? [] : text.replace(/\r\n/g, '\n').split('\n');
}

export function mapFilePatch(fp: FilePatch, preText: string | undefined, postText: string | undefined): FileLineMap {
  const map: FileLineMap = { oldPath: fp.oldPath, newPath: fp.newPath, headerLine: fp.headerLine, post: new Map(), pre: new Map(), spans: [] };
  const pre = imageLines(preText);
  const post = imageLines(postText);
  for (const h of fp.hunks) {
    let preLine = locate(pre, side(h, '-'), h.oldStart - 1) + 1;
    let postLine = locate(post, side(h, '+'), h.newStart - 1) + 1;
    const span: HunkSpan = { preFirst: preLine, postFirst: postLine, preLast: preLine, postLast: postLine, headerLine: h.headerLine };
    h.lines.forEach((l, k) => {
      const op = l === '' ? ' ' : l[0];
      const at = h.lineNumbers[k];
      if (op === ' ' || op === '-') map.pre.set(preLine++, at);
      if (op === ' ' || op === '+') map.post.set(postLine++, at);
    });
    span.preLast = Math.max(span.preFirst, preLine - 1);
    span.postLast = Math.max(span.postFirst, postLine - 1);
    map.spans.push(span);
  }
  return map;
}

/** The patch line showing post-image `line`: exact, else its hunk's header, else undefined. */
export function patchLineForPost(map: FileLineMap, line: number): number | undefined {
  return map.post.get(line) ?? map.spans.find((s) => line >= s.postFirst && line <= s.postLast)?.headerLine;
}

/** The patch line that removed or shows pre-image `line`, else its hunk's header. */
export function patchLineForPre(map: FileLineMap, line: number): number | undefined {
  return map.pre.get(line) ?? map.spans.find((s) => line >= s.preFirst && line <= s.preLast)?.headerLine;
}

/** The hunk nearest to a post-image line (for findings outside every hunk of a touched file). */
export function nearestHunkHeader(map: FileLineMap, line: number): number {
  let best = map.headerLine;
  let bestDistance = Infinity;
  for (const s of map.spans) {
    const d = line < s.postFirst ? s.postFirst - line : line > s.postLast ? line - s.postLast : 0;
    if (d < bestDistance) (best = s.headerLine), (bestDistance = d);
  }
  return best;
}
