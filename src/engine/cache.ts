// On-disk cache of per-file facts for the language server's background scans (the CLI uses it
// only when asked). One JSON file per scanned root, under ~/.cache/irqlens/<hash of root>/.
// An entry is valid while the file's size and mtime, the tool build and the era are unchanged.
// The headers and Makefiles a file's extraction looked up are part of its key too (FileFacts.headers:
// each file tried, with its size and mtime, or absent): a changed #define in a driver's header, or
// a header that appears earlier on the include path, re-extracts every file that asked for it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FileFacts, FileProblem, HeaderStamp } from '../facts/types';
import { stampsOnce } from '../workspace/include-reader';
import { fileProblem } from '../workspace/file-problem';

// 2: entries' facts carry the headers they depend on.
const cacheFormat = 2;

/** size, mtimeMs, facts (null: the file holds no MSI call). */
type Entry = [number, number, FileFacts | null];

interface CacheFile {
  format: number;
  tool: string;
  era: string;
  entries: Record<string, Entry>;
}

export function defaultCacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'irqlens');
}

/** Identity of the running build: a rebuilt bundle invalidates every entry. */
function toolIdentity(): string {
  try {
    const s = statSync(__filename);
    return `${cacheFormat}:${s.size}:${Math.trunc(s.mtimeMs)}`;
  } catch {
    return `${cacheFormat}`;
  }
}

function isEntry(value: unknown): value is Entry {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [size, mtime, facts] = value as unknown[];
  if (typeof size !== 'number' || typeof mtime !== 'number') return false;
  if (facts === null) return true;
  return typeof facts === 'object' && typeof (facts as { file?: unknown }).file === 'string' && Array.isArray((facts as { facts?: unknown }).facts);
}

export class FactsCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;
  readonly path: string;

  /** Opens (or starts) the cache of `root`; unreadable or corrupt data is reported and dropped. */
  constructor(
    cacheDir: string,
    root: string,
    private readonly era: string,
    private readonly onProblem: (p: FileProblem) => void,
  ) {
    const hash = createHash('sha256').update(root).digest('hex').slice(0, 16);
    this.path = join(cacheDir, hash, 'facts.json');
    this.load();
  }

  get(file: string, size: number, mtimeMs: number): FileFacts | null | undefined {
    const entry = this.entries[file];
    if (!entry || entry[0] !== size || entry[1] !== mtimeMs) return undefined;
    if (entry[2]?.headers && !entry[2].headers.every((h) => this.unchanged(h))) return undefined;
    return entry[2];
  }

  /** Headers are shared by many files: each is stat'ed once per run. */
  private readonly stampNow = stampsOnce();
  private unchanged(then: HeaderStamp): boolean {
    const now = this.stampNow(then[0]);
    return now.length === then.length && now[1] === then[1] && now[2] === then[2];
  }

  /** A cold cache (nothing loaded or set): every file will miss, so a scan need not stat first. */
  isEmpty(): boolean {
    for (const _file in this.entries) return false;
    return true;
  }

  set(file: string, size: number, mtimeMs: number, facts: FileFacts | null): void {
    this.entries[file] = [size, mtimeMs, facts];
    this.dirty = true;
  }

  /** Writes atomically (temp file + rename) so a killed scan never leaves half a cache. */
  save(): void {
    if (!this.dirty) return;
    const data: CacheFile = { format: cacheFormat, tool: toolIdentity(), era: this.era, entries: this.entries };
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      const temp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(data));
      renameSync(temp, this.path);
      this.dirty = false;
    } catch (err) {
      this.onProblem(fileProblem(this.path, `cannot write the facts cache: ${(err as Error).message}`, 'warning'));
    }
  }

  private load(): void {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch {
      return; // no cache yet
    }
    const data = this.parse(raw);
    if (!data) return;
    let dropped = 0;
    for (const [file, entry] of Object.entries(data.entries)) {
      if (isEntry(entry)) this.entries[file] = entry;
      else dropped++;
    }
    if (dropped > 0) this.warn(`${dropped} corrupt cache entries ignored`);
  }

  private parse(raw: string): CacheFile | undefined {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      this.warn('cache file is corrupt (not JSON): ignored, it will be rebuilt');
      return undefined;
    }
    const d = data as Partial<CacheFile> | null;
    if (!d || typeof d !== 'object' || typeof d.entries !== 'object' || d.entries === null) {
      this.warn('cache file has an unknown layout: ignored, it will be rebuilt');
      return undefined;
    }
    if (d.format !== cacheFormat || d.tool !== toolIdentity() || d.era !== this.era) return undefined;
    return d as CacheFile;
  }

  private warn(message: string): void {
    this.onProblem(fileProblem(this.path, message, 'warning'));
  }
}
