// On-disk cache of per-directory check results, next to the workspace's facts cache, so a
// reopened tree publishes its diagnostics without re-running the rules (the facts cache already
// spares the parse). An entry is valid while the directory's facts, the era, the check options
// (and the topology file's mtime) and the server build are unchanged: its key hashes all of them.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EraInfo, FileFacts } from '../facts/types';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import type { CheckResult } from './result';

/** The options a directory's result depends on, as the language server holds them. */
export interface CheckKeyOptions {
  layout: Layout | null;
  partitions: Partition[];
  /** The topology file (its path and mtime go into the key), or null. */
  topology: string | null;
}

// 2: entries hold the whole CheckResult (with its era).
const format = 2;

interface CacheFile<T> {
  format: number;
  tool: string;
  entries: Record<string, { key: string; output: T }>;
}

function toolIdentity(): string {
  try {
    const s = statSync(__filename);
    return `${format}:${s.size}:${Math.trunc(s.mtimeMs)}`;
  } catch {
    return `${format}`;
  }
}

function topologyStamp(path: string | null): string {
  if (!path) return '';
  try {
    return `${path}@${statSync(path).mtimeMs}`;
  } catch {
    return `${path}@missing`;
  }
}

/** The key of one directory's check: everything the result depends on. */
export function checkKey(files: FileFacts[], era: EraInfo, opts: CheckKeyOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ era, layout: opts.layout, partitions: opts.partitions, topology: topologyStamp(opts.topology) }));
  for (const f of files) hash.update(JSON.stringify(f));
  return hash.digest('hex');
}

/**
 * Results by group (a directory), each valid while its key is: the server keeps whole
 * CheckResults in checks.json, `check --cache` each directory's replay (a PartResult) in parts.json.
 */
export class CheckDiskCache<T = CheckResult> {
  private entries: CacheFile<T>['entries'] = {};
  /** Results whose key is computed when the cache is written (hashing every directory's facts
   *  is work a cold scan need not do before its diagnostics are out). */
  private readonly unkeyed = new Map<string, { key: () => string; output: T }>();
  private dirty = false;
  private readonly path: string | null;

  constructor(
    cacheDir: string | null,
    root: string,
    private readonly log: (message: string) => void,
    fileName = 'checks.json',
  ) {
    this.path = cacheDir ? join(cacheDir, createHash('sha256').update(root).digest('hex').slice(0, 16), fileName) : null;
    this.load();
  }

  get(group: string, key: string): T | undefined {
    const e = this.entries[group];
    return e && e.key === key ? e.output : undefined;
  }

  /** True when nothing was loaded or stored: every get would miss. */
  isEmpty(): boolean {
    return this.unkeyed.size === 0 && Object.keys(this.entries).length === 0;
  }

  set(group: string, key: string | (() => string), output: T): void {
    if (typeof key === 'string') {
      this.unkeyed.delete(group);
      this.entries[group] = { key, output };
    } else this.unkeyed.set(group, { key, output });
    this.dirty = true;
  }

  /** Writes the cache if it changed (atomically: a crash leaves the old file). */
  save(): void {
    if (!this.path || !this.dirty) return;
    for (const [group, e] of this.unkeyed) this.entries[group] = { key: e.key(), output: e.output };
    this.unkeyed.clear();
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const data: CacheFile<T> = { format, tool: toolIdentity(), entries: this.entries };
      writeFileSync(`${this.path}.tmp`, JSON.stringify(data));
      renameSync(`${this.path}.tmp`, this.path);
      this.dirty = false;
    } catch (err) {
      this.log(`irqlens: could not write the check cache ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private load(): void {
    if (!this.path) return;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return; // no cache yet
    }
    try {
      const data = JSON.parse(text) as Partial<CacheFile<T>>;
      if (data.format === format && data.tool === toolIdentity() && typeof data.entries === 'object' && data.entries !== null) this.entries = data.entries;
    } catch (err) {
      this.log(`irqlens: ignoring a corrupt check cache ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
