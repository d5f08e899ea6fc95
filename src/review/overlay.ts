// The tree as a patch series sees it: the files on disk under the tree root, overlaid with the
// post-images of the patches applied so far. Nothing is ever written to disk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeReader {
  /** Tree-relative, '/'-separated path; undefined when the file does not exist. */
  read(path: string): string | undefined;
}

export function diskTree(root: string): TreeReader {
  const cache = new Map<string, string | undefined>();
  return {
    read(path) {
      if (path.startsWith('/') || path.split('/').includes('..')) return undefined; // never outside the tree
      if (cache.has(path)) return cache.get(path);
      let text: string | undefined;
      try {
        text = readFileSync(join(root, path), 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(path, text);
      return text;
    },
  };
}

export class Overlay implements TreeReader {
  /** path -> new text, or null when the series deleted it. */
  readonly changed = new Map<string, string | null>();

  constructor(readonly base: TreeReader) {}

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
