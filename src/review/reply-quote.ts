// The quoted part of a reply: only the hunk lines a finding concerns, with a few lines of context
// above, `[...]` where lines are left out, and the finding's text right below its line.
import { visible } from './mail-text';
import type { Hunk, ParsedPatch } from './types';

/** Lines of the hunk quoted above a finding's own line. */
const contextLines = 3;

/** A remark to place under the patch line it concerns (a line of the patch file). */
export interface Remark {
  patchLine: number;
  paragraphs: string[][];
}

interface Anchor {
  hunk: Hunk;
  /** Position of the hunk in the patch (file by file), to keep the patch's order. */
  order: number;
  /** Index into hunk.lines; -1: the @@ line alone (a hunk without a change). */
  at: number;
}

function hunksOf(patch: ParsedPatch): Hunk[] {
  return patch.files.flatMap((f) => f.hunks);
}

/** Where a patch-file line sits among the hunks, or undefined when it is in no hunk. */
export function anchorOf(patch: ParsedPatch, patchLine: number): Anchor | undefined {
  const hunks = hunksOf(patch);
  for (let order = 0; order < hunks.length; order++) {
    const hunk = hunks[order];
    // On the @@ line (a finding in a file the patch does not touch): the hunk's first change.
    if (hunk.headerLine === patchLine) return { hunk, order, at: hunk.lines.findIndex((l) => l[0] === '+' || l[0] === '-') };
    const at = hunk.lineNumbers.indexOf(patchLine);
    if (at >= 0) return { hunk, order, at };
  }
  return undefined;
}

/** The patch-file line showing post-image line `line` of `file`, counted from the hunks' headers. */
export function patchLineOfPost(patch: ParsedPatch, file: string, line: number): number | undefined {
  for (const fp of patch.files.filter((f) => f.newPath === file)) {
    for (const h of fp.hunks) {
      let post = h.newStart;
      for (let k = 0; k < h.lines.length; k++) {
        const op = h.lines[k][0] ?? ' ';
        if (op === '-' || op === '\\') continue;
        if (post === line) return h.lineNumbers[k];
        post++;
      }
    }
  }
  return undefined;
}

function quote(line: string): string {
  return visible(`> ${line}`, true).replace(/\s+$/, '');
}

function hunkHeader(h: Hunk): string {
  return h.header ?? `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`;
}

/**
 * The quoted body: for each remark in patch order, its hunk's `@@` line, the lines of the hunk not
 * yet quoted (at most `contextLines` above its line), then its paragraphs. Remarks on no hunk line
 * are left out (the caller lists them).
 */
export function quotedRemarks(patch: ParsedPatch, remarks: Remark[]): string[] {
  const placed = remarks.flatMap((r) => {
    const anchor = anchorOf(patch, r.patchLine);
    return anchor ? [{ anchor, r }] : [];
  });
  placed.sort((a, b) => a.anchor.order - b.anchor.order || a.anchor.at - b.anchor.at);
  const out: string[] = [];
  let hunk: Hunk | undefined;
  let quotedTo = -1;
  for (const { anchor, r } of placed) {
    if (anchor.hunk !== hunk) {
      if (hunk !== undefined) out.push('[...]', '');
      out.push(quote(hunkHeader(anchor.hunk)));
      (hunk = anchor.hunk), (quotedTo = -1);
    }
    const from = Math.max(quotedTo + 1, anchor.at - contextLines);
    if (from > quotedTo + 1) out.push('[...]');
    for (let k = from; k <= anchor.at; k++) out.push(quote(anchor.hunk.lines[k]));
    if (from <= anchor.at) out.push('');
    quotedTo = Math.max(quotedTo, anchor.at);
    for (const p of r.paragraphs) out.push(...p, '');
  }
  return out;
}
