// Checking while scanning: a scan worker replays each directory of a batch it has just scanned
// (the batch holds whole directories), where the facts already are, so the main thread only
// merges. A directory's result depends on its own files only (docs/check.md), so each is
// checked alone; the main thread accepts it only if it was computed from exactly the files the
// finished scan has for that directory, and checks every other directory itself.
import type { FileFacts, TreeFacts } from '../facts/types';
import { dirOf } from '../facts/directory';
import { byFileName } from '../workspace/paths';
import type { ScanSetup } from '../workspace/scan-setup';
import { checkPart } from './check-tree';
import { type PartResult } from './result';
import type { PartOptions } from './options';

export interface ScanCheckPayload {
  tree: string;
  options: PartOptions;
}

export interface DirectoryPart {
  dir: string;
  /** The files it was computed from, in tree order. */
  files: string[];
  result: PartResult;
}

/** Files a replay reads: those with facts or function skeletons, by directory, in tree order. */
export function directoriesOf(files: FileFacts[]): Map<string, FileFacts[]> {
  const dirs = new Map<string, FileFacts[]>();
  for (const f of [...files].sort(byFileName)) {
    if (!f.facts.length && !f.functions.length) continue;
    const d = dirOf(f.file);
    const list = dirs.get(d);
    if (list) list.push(f);
    else dirs.set(d, [f]);
  }
  return dirs;
}

/** What a worker asked to check a scan batch does with it (scan-batch.ts). */
export function checkScannedBatch(results: FileFacts[], payload: ScanCheckPayload, setup: ScanSetup): DirectoryPart[] {
  const out: DirectoryPart[] = [];
  for (const [dir, files] of directoriesOf(results)) {
    const tree: TreeFacts = { tree: payload.tree, era: setup.era, files };
    out.push({ dir, files: files.map((f) => f.file), result: checkPart(tree, payload.options) });
  }
  return out;
}

/** Whether a part was computed from exactly the files `dirs` (directoriesOf a tree) has in its directory. */
export function fitsTree(part: DirectoryPart, dirs: Map<string, FileFacts[]>): boolean {
  const files = dirs.get(part.dir);
  return files !== undefined && files.length === part.files.length && files.every((f, i) => f.file === part.files[i]);
}

/** The parts whose directory has exactly the files the tree has there, and the rest of the tree. */
export function acceptParts(tree: TreeFacts, parts: DirectoryPart[]): { accepted: PartResult[]; rest: TreeFacts } {
  const dirs = directoriesOf(tree.files);
  const accepted: PartResult[] = [];
  const done = new Set<string>();
  for (const p of parts) {
    if (done.has(p.dir) || !fitsTree(p, dirs)) continue;
    accepted.push(p.result);
    done.add(p.dir);
  }
  return { accepted, rest: { ...tree, files: tree.files.filter((f) => !done.has(dirOf(f.file))) } };
}
