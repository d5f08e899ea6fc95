// A reviewer often opens a patch that is already applied to their tree. When the series does not
// apply but its reverse does, the tree contains it: the files before the series are then obtained
// by reverting it in memory, and the review proceeds as usual.
import { reversePatch } from 'diff';
import { applyToOverlay } from './apply';
import { Overlay, type TreeReader } from './overlay';
import type { FilePatch, ParsedPatch } from './types';

function reverseFile(fp: FilePatch): FilePatch {
  const structured = reversePatch(fp.structured);
  if (fp.change === 'copied') return { ...fp, oldPath: fp.newPath, newPath: null, change: 'deleted', hunks: [], structured };
  const change = fp.change === 'added' ? 'deleted' : fp.change === 'deleted' ? 'added' : fp.change;
  return { ...fp, oldPath: fp.newPath, newPath: fp.oldPath, change, structured };
}

/** Tree paths and their content before the series, when the tree already contains the whole series. */
export function revertedBaseline(tree: TreeReader, patches: ParsedPatch[]): Map<string, string | null> | undefined {
  if (patches.length === 0 || applyToOverlay(new Overlay(tree), patches[0]).problems.length === 0) return undefined;
  const overlay = new Overlay(tree);
  for (const patch of [...patches].reverse()) {
    const reversed = { ...patch, files: [...patch.files].reverse().map(reverseFile) };
    const out = applyToOverlay(overlay, reversed);
    if (out.problems.length > 0 || out.touched.length === 0) return undefined;
  }
  return new Map(overlay.changed);
}
