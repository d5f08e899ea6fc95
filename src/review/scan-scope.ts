// What the "before" analysis must cover. A series that only touches driver files needs their
// directories (the other files of each driver and its local headers); one that touches a shared
// header (include/, arch/*/include/) or the MSI core can affect any file, so it needs the whole tree.
// Only directories inside the tree count: a path that leaves it by name (`../x`) or by a symbolic
// link (`link -> ../outside`) is refused by the apply step and never listed or read here.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { TreeBounds } from '../workspace/tree-bounds';
import { namedOutsideTree } from './overlay';
import type { ParsedPatch } from './types';

const shared = /^(include\/|arch\/[^/]+\/include\/|kernel\/irq\/)/;

/** Tree-relative directories to analyse ([] when no C file is touched), or undefined for the whole tree. */
export function scanScope(root: string, patches: ParsedPatch[]): string[] | undefined {
  const paths = patches.flatMap((p) => p.files.flatMap((f) => [f.oldPath, f.newPath])).filter((p): p is string => p !== null && !namedOutsideTree(p));
  if (paths.some((p) => shared.test(p))) return undefined;
  const dirs = [...new Set(paths.filter((p) => /\.[ch]$/.test(p)).map((p) => posix.dirname(p)))];
  if (dirs.includes('.')) return undefined;
  const bounds = new TreeBounds([root]);
  return dirs.filter((d) => existsSync(join(root, d)) && bounds.refusalOfPath(join(root, d)) === undefined).sort();
}
