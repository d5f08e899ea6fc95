// `check --cache`: each directory's replay (a PartResult) kept next to the facts cache, so an
// unchanged directory is not replayed again. A directory's result depends only on its own files'
// facts, the era and the part options (a walk never leaves its directory: replay/plan.ts), and
// the key hashes exactly those; the tool build is checked by the cache file itself.
import { createHash } from 'node:crypto';
import type { EraInfo, FileFacts, TreeFacts } from '../facts/types';
import { dirOf } from '../facts/directory';
import { CheckDiskCache } from './check-disk-cache';
import { checkPart } from './check-tree';
import { type Options, partOptions } from './options';
import type { PartResult } from './result';
import { directoriesOf, type DirectoryPart } from './scan-check';

function partKey(files: FileFacts[], era: EraInfo, opts: Options): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ era, options: partOptions(opts) }));
  for (const f of files) hash.update(JSON.stringify(f));
  return hash.digest('hex');
}

export class PartCache {
  private readonly disk: CheckDiskCache<PartResult>;

  constructor(cacheDir: string, root: string, log: (message: string) => void) {
    this.disk = new CheckDiskCache<PartResult>(cacheDir, root, log, 'parts.json');
  }

  /**
   * Keeps the parts the scan workers computed, and gives the other directories' results the
   * cache still holds (their files' facts unchanged), as parts acceptParts takes.
   */
  exchange(tree: TreeFacts, opts: Options, fresh: DirectoryPart[]): DirectoryPart[] {
    const dirs = directoriesOf(tree.files);
    const done = new Set<string>();
    for (const p of fresh) {
      const files = dirs.get(p.dir);
      if (!files || done.has(p.dir)) continue;
      this.disk.set(p.dir, () => partKey(files, tree.era, opts), p.result);
      done.add(p.dir);
    }
    const hits: DirectoryPart[] = [];
    for (const [dir, files] of dirs) {
      if (done.has(dir)) continue;
      const result = this.disk.get(dir, partKey(files, tree.era, opts));
      if (result) hits.push({ dir, files: files.map((f) => f.file), result });
    }
    return hits;
  }

  /**
   * Replays the rest directory by directory, keeping each result. The replay reads every file
   * of the directory, as checkPart() of the whole rest would; the key hashes the files the scan
   * workers key theirs by (directoriesOf: those with facts or functions).
   */
  checkRest(rest: TreeFacts, opts: Options): PartResult[] {
    const all = new Map<string, FileFacts[]>();
    for (const f of rest.files) {
      const list = all.get(dirOf(f.file));
      if (list) list.push(f);
      else all.set(dirOf(f.file), [f]);
    }
    const out: PartResult[] = [];
    for (const [dir, files] of directoriesOf(rest.files)) {
      const result = checkPart({ ...rest, files: all.get(dir)! }, opts);
      this.disk.set(dir, partKey(files, rest.era, opts), result);
      out.push(result);
    }
    return out;
  }

  save(): void {
    this.disk.save();
  }
}
