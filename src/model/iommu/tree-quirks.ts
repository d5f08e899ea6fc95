// When the code being checked is a kernel tree, its own drivers/pci/quirks.c decides the DMA
// aliases (a newer or older tree may add or lack rows); otherwise the built-in 6.12 table is used.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseQuirkSource } from './quirk-source';
import type { QuirkRow } from './quirk-kinds';
import { readUserText } from '../../workspace/file-reader';
import { TreeBounds } from '../../workspace/tree-bounds';

export interface TreeQuirks {
  root: string;
  rows: QuirkRow[];
  problems: { line: number; message: string }[];
}

const cache = new Map<string, TreeQuirks | undefined>();

function findRoot(path: string): string | undefined {
  let dir = resolve(path);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    if (existsSync(join(dir, 'drivers', 'pci', 'quirks.c')) && existsSync(join(dir, 'include', 'linux', 'pci_ids.h'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The quirk rows of the kernel tree containing `path`, or undefined outside a kernel tree. */
export function quirksOfTree(path: string): TreeQuirks | undefined {
  const root = findRoot(path);
  if (!root) return undefined;
  if (!cache.has(root)) {
    // Through the one user-file reader: a FIFO named quirks.c must not hang the check.
    const bounds = new TreeBounds([root]);
    const quirks = readUserText(join(root, 'drivers', 'pci', 'quirks.c'), { bounds });
    const ids = readUserText(join(root, 'include', 'linux', 'pci_ids.h'), { bounds });
    try {
      const r = quirks.ok && ids.ok ? parseQuirkSource(quirks.text, ids.text) : undefined;
      cache.set(root, r && r.rows.length > 0 ? { root, ...r } : undefined);
    } catch {
      cache.set(root, undefined);
    }
  }
  return cache.get(root);
}
