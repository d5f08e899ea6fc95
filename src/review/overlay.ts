// The tree as a patch series sees it: the files on disk under the tree root, overlaid with the
// post-images of the patches applied so far. Nothing is ever written to disk.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readUserText } from '../workspace/file-reader';
import { isDirectory } from '../workspace/paths';
import { TreeBounds } from '../workspace/tree-bounds';

export interface TreeReader {
  /** Tree-relative, '/'-separated path; undefined when the file does not exist or was refused. */
  read(path: string): string | undefined;
  /** Why an existing path was not read (a link out of the tree, a FIFO, too large); undefined otherwise. */
  refusal?(path: string): string | undefined;
  /** True when the tree has this directory (inside it by real path). */
  hasDirectory?(path: string): boolean;
}

/** A path that leaves the tree by its name (absolute, or with a `..` component). */
export function namedOutsideTree(path: string): boolean {
  return path.startsWith('/') || path.split('/').includes('..');
}

function exists(abs: string): boolean {
  try {
    return lstatSync(abs) !== undefined;
  } catch {
    return false;
  }
}

/** The tree on disk, read through the one user-file reader, confined to `root` by real path. */
export function diskTree(root: string, shown: (treePath: string) => string = (p) => p): TreeReader {
  const cache = new Map<string, string | undefined>();
  const refused = new Map<string, string>();
  const bounds = new TreeBounds([root], (abs) => shown(relativeTo(root, abs)));
  return {
    read(path) {
      if (namedOutsideTree(path)) return undefined; // never outside the tree
      if (cache.has(path)) return cache.get(path);
      const abs = join(root, path);
      const read = readUserText(abs, { bounds });
      if (!read.ok && exists(abs)) refused.set(path, read.message);
      const text = read.ok ? read.text : undefined;
      cache.set(path, text);
      return text;
    },
    refusal: (path) => refused.get(path),
    hasDirectory: (path) => !namedOutsideTree(path) && isDirectory(join(root, path)) && bounds.refusalOfPath(join(root, path)) === undefined,
  };
}

function relativeTo(root: string, abs: string): string {
  return abs.startsWith(root + '/') ? abs.slice(root.length + 1) : abs;
}

export class Overlay implements TreeReader {
  /** path -> new text, or null when the series deleted it. */
  readonly changed = new Map<string, string | null>();

  constructor(readonly base: TreeReader) {}

  refusal(path: string): string | undefined {
    return this.changed.has(path) ? undefined : this.base.refusal?.(path);
  }

  hasDirectory(path: string): boolean {
    return this.base.hasDirectory?.(path) ?? false;
  }

  read(path: string): string | undefined {
    const c = this.changed.get(path);
    if (c === null) return undefined;
    return c ?? this.base.read(path);
  }

  write(path: string, text: string | null): void {
    this.changed.set(path, text);
  }

  /** A copy that later writes do not affect (the "before" of the next patch). */
  snapshot(): Overlay {
    const copy = new Overlay(this.base);
    for (const [k, v] of this.changed) copy.changed.set(k, v);
    return copy;
  }
}
