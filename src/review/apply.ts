// Applies one patch to an in-memory overlay of the tree with jsdiff. A hunk that does not apply is
// reported with the patch file, its line and the tree file; binary changes are skipped with a note.
import { applyPatch, type StructuredPatch } from 'diff';
import { namedOutsideTree, type Overlay, type TreeReader } from './overlay';
import type { FilePatch, ParsedPatch } from './types';

export interface ApplyOutcome {
  /** Tree paths whose content changed (old and new paths of renames). */
  touched: string[];
  problems: string[];
  notes: string[];
}

/**
 * jsdiff looks for a hunk's context outwards from its old start, one line at a time in both
 * directions until it passes both ends of the file: a start far past the end (a mangled header)
 * costs that many steps. Starts past the end are moved to the end; the search is the same.
 */
function bounded(source: string, patch: StructuredPatch): StructuredPatch {
  const lines = source.split('\n').length;
  if (patch.hunks.every((h) => h.oldStart <= lines + 1)) return patch;
  return { ...patch, hunks: patch.hunks.map((h) => (h.oldStart > lines + 1 ? { ...h, oldStart: lines + 1 } : h)) };
}

function firstFailingHunk(source: string, fp: FilePatch): number {
  let text = source;
  for (let k = 0; k < fp.hunks.length; k++) {
    const next = applyPatch(text, bounded(text, { ...fp.structured, hunks: [fp.structured.hunks[k]!] }));
    if (next === false) return k;
    text = next;
  }
  return 0;
}

/** A path that leaves the tree (absolute, or with a `..` component) is never read. */
function outsideTree(path: string | null): boolean {
  return path !== null && namedOutsideTree(path);
}

function applyOne(overlay: Overlay, fp: FilePatch, patchFile: string, out: ApplyOutcome): void {
  const name = fp.newPath ?? fp.oldPath ?? '(unnamed)';
  if (outsideTree(fp.oldPath) || outsideTree(fp.newPath))
    return void out.problems.push(`${patchFile}:${fp.headerLine}: ${name} is outside the tree: not applied`);
  if (fp.change === 'binary' && /\.[ch]$/.test(name))
    return void out.problems.push(`${patchFile}:${fp.headerLine}: binary change to ${name}: its new content cannot be read, so it is not reviewed`);
  if (fp.change === 'binary') return void out.notes.push(`${patchFile}:${fp.headerLine}: binary change to ${name} skipped`);
  if (fp.change === 'mode-only') return;
  if (fp.oldPath === null && fp.newPath === null)
    return void out.problems.push(`${patchFile}:${fp.headerLine}: hunk without a file name (no ---/+++ or diff --git header)`);
  if (fp.change === 'deleted' && fp.oldPath !== null) {
    if (overlay.read(fp.oldPath) === undefined) out.problems.push(`${patchFile}:${fp.headerLine}: ${fp.oldPath} is deleted but does not exist in the tree`);
    overlay.write(fp.oldPath, null);
    return void out.touched.push(fp.oldPath);
  }
  // `diff -N` without the epoch stamp: a -0,0 hunk against a file the tree lacks creates it (GNU patch).
  const creates =
    fp.oldPath !== null &&
    fp.hunks.length === 1 &&
    fp.hunks[0]!.oldLines === 0 &&
    overlay.read(fp.oldPath) === undefined &&
    overlay.refusal(fp.oldPath) === undefined;
  const source = fp.oldPath === null || creates ? '' : overlay.read(fp.oldPath);
  if (source === undefined) {
    const why = fp.oldPath === null ? undefined : overlay.refusal(fp.oldPath);
    return void out.problems.push(`${patchFile}:${fp.headerLine}: ${why ?? `${fp.oldPath} does not exist in the tree`}`);
  }
  if (fp.change === 'added' && fp.newPath !== null && overlay.read(fp.newPath) !== undefined)
    return void out.problems.push(`${patchFile}:${fp.headerLine}: ${fp.newPath} is created but already exists in the tree`);
  const result = fp.hunks.length === 0 ? source : applyPatch(source, bounded(source, fp.structured));
  if (result === false) {
    const k = firstFailingHunk(source, fp);
    const h = fp.hunks[k];
    return void out.problems.push(
      `${patchFile}:${h.headerLine}: hunk ${k + 1} of ${name} (@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@) does not apply to the tree`,
    );
  }
  if (fp.change === 'renamed' && fp.oldPath !== null) {
    overlay.write(fp.oldPath, null);
    out.touched.push(fp.oldPath);
  }
  if (fp.newPath !== null) {
    overlay.write(fp.newPath, result);
    out.touched.push(fp.newPath);
  }
}

/** Drops `n` leading components of a path (never the file name). */
function dropComponents(path: string | null, n: number): string | null {
  if (path === null || n === 0) return path;
  const parts = path.split('/');
  return parts.length > n ? parts.slice(n).join('/') : path;
}

/**
 * The strip level (like `patch -pN`, on top of the parser's) at which the patch's existing files are
 * found in the tree: 0 normally; 1 or 2 for `--- linux/drivers/x.c` style names.
 */
function extraStrip(tree: TreeReader, patch: ParsedPatch): number {
  // Dropping components must never turn a path that leaves the tree into one inside it.
  if (patch.files.some((f) => outsideTree(f.oldPath) || outsideTree(f.newPath))) return 0;
  const existing = patch.files.map((f) => f.oldPath).filter((p): p is string => p !== null);
  if (existing.length > 0) {
    for (let n = 0; n <= 2; n++) if (existing.every((p) => tree.read(dropComponents(p, n) ?? p) !== undefined)) return n;
    return 0;
  }
  // Only creations (`git diff --no-index old/ new/` names b/new/drivers/x.c): the level at which
  // every new file lands in a directory the tree has.
  const created = patch.files.map((f) => f.newPath).filter((p): p is string => p !== null && p.includes('/'));
  if (created.length === 0 || !tree.hasDirectory) return 0;
  const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'));
  for (let n = 0; n <= 2; n++) if (created.every((p) => tree.hasDirectory?.(dirOf(dropComponents(p, n) ?? p)))) return n;
  return 0;
}

/** The patch with its paths as the tree names them (see extraStrip). */
export function placeInTree(tree: TreeReader, patch: ParsedPatch): ParsedPatch {
  const n = extraStrip(tree, patch);
  if (n === 0) return patch;
  return { ...patch, files: patch.files.map((fp) => ({ ...fp, oldPath: dropComponents(fp.oldPath, n), newPath: dropComponents(fp.newPath, n) })) };
}

/** Applies every file of `patch` to `overlay` (in place); files that fail are left unchanged. */
export function applyToOverlay(overlay: Overlay, patch: ParsedPatch): ApplyOutcome {
  const out: ApplyOutcome = { touched: [], problems: [], notes: [] };
  for (const fp of patch.files) applyOne(overlay, fp, patch.source, out);
  return out;
}
