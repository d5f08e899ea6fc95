// The facts the server knows: open buffers (live) over files read from disk (the background
// scan, or siblings loaded when a directory is first checked). A driver's findings span the
// files of its directory, so checks run per directory group.
import { readdirSync, statSync } from 'node:fs';
import { readUserText } from '../workspace/file-reader';
import { TreeBounds } from '../workspace/tree-bounds';
import { join, posix, relative } from 'node:path';
import type { EraInfo, FileFacts } from '../facts/types';
import type { BufferEdit, LiveDocument, LiveEngine } from './live-engine';
import { dependsOn } from './live-includes';

/** Where the workspace is: its root and a root-relative path's absolute one (the server's PathMap). */
export interface WorkspacePaths {
  readonly root: string;
  absFromRel(rel: string): string;
}

/** Files larger than this are not read as siblings (generated register headers). */
const maxSiblingBytes = 4 * 1024 * 1024;
const sourceFile = /\.(c|h)$/;

export class AnalysisState<P extends WorkspacePaths = WorkspacePaths> {
  private readonly disk = new Map<string, FileFacts>();
  private readonly live = new Map<string, LiveDocument>();
  private readonly loadedDirs = new Set<string>();
  /** Files whose open buffer headers are read from (bufferChanged with a text). */
  private readonly buffered = new Set<string>();
  private bounds: TreeBounds | undefined;

  constructor(
    private readonly engine: Pick<LiveEngine, 'openDocument' | 'mentionsMsiApi' | 'extract' | 'bufferChanged'>,
    readonly paths: P,
    private currentEra: EraInfo,
    private readonly onProblem: (message: string) => void,
  ) {}

  get era(): EraInfo {
    return this.currentEra;
  }

  /** A scan outside a kernel tree learns the era from the calls: re-extract open buffers under it. */
  setEra(era: EraInfo): void {
    if (era.label === this.currentEra.label && era.era === this.currentEra.era) return;
    this.currentEra = era;
    for (const [rel, doc] of this.live) {
      const text = doc.text();
      doc.dispose();
      this.live.set(rel, this.engine.openDocument(rel, text, era));
    }
  }

  static groupOf(rel: string): string {
    return posix.dirname(rel);
  }

  facts(rel: string): FileFacts | undefined {
    return this.live.get(rel)?.facts() ?? this.disk.get(rel);
  }

  isOpen(rel: string): boolean {
    return this.live.has(rel);
  }

  /** Creates or updates the live document of `rel` and returns its facts. */
  updateLive(rel: string, text: string, edits: BufferEdit[] | null = null): FileFacts {
    const doc = this.live.get(rel);
    if (doc) return doc.update(text, edits);
    const created = this.engine.openDocument(rel, text, this.currentEra);
    this.live.set(rel, created);
    return created.facts();
  }

  /**
   * The buffer of `rel` now holds `text` (undefined: closed): the files whose extraction looked
   * it up as a header (FileFacts.headers) are extracted again, open ones from their buffers.
   * Returns them, for their directories to be checked again.
   */
  bufferChanged(rel: string, text: string | undefined): string[] {
    const abs = this.paths.absFromRel(rel);
    const again = this.includersOf(rel, abs);
    // A source file nothing includes never reaches the header caches: its keystrokes keep them.
    if ((again.length === 0 && !rel.endsWith('.h')) || !this.engine.bufferChanged(abs, text)) return [];
    if (text === undefined) this.buffered.delete(rel);
    else this.buffered.add(rel);
    for (const file of again) this.extractAgain(file);
    return again;
  }

  private includersOf(rel: string, abs: string): string[] {
    const out: string[] = [];
    for (const [file, f] of this.disk) if (file !== rel && !this.live.has(file) && dependsOn(f, abs)) out.push(file);
    for (const [file, doc] of this.live) if (file !== rel && dependsOn(doc.facts(), abs)) out.push(file);
    return out;
  }

  private extractAgain(file: string): void {
    const doc = this.live.get(file);
    if (doc) doc.update(doc.text(), null);
    else {
      const facts = this.readFromDisk(file, this.paths.absFromRel(file));
      if (facts) this.disk.set(file, facts);
      else this.disk.delete(file);
    }
  }

  /** Drops the buffer; the file's facts come from disk again (it may differ from the closed buffer). */
  closeLive(rel: string): void {
    this.live.get(rel)?.dispose();
    this.live.delete(rel);
    const facts = this.readFromDisk(rel, this.paths.absFromRel(rel));
    if (facts) this.disk.set(rel, facts);
    else this.disk.delete(rel);
  }

  /** Replaces the disk facts with a scan's results (open buffers still win). */
  setScanned(files: FileFacts[]): void {
    this.disk.clear();
    for (const f of files) {
      this.disk.set(f.file, f);
      this.loadedDirs.add(AnalysisState.groupOf(f.file));
    }
    // The scan read headers from disk: files that include an open, edited header read it again.
    for (const rel of this.buffered) for (const file of this.includersOf(rel, this.paths.absFromRel(rel))) if (!this.live.has(file)) this.extractAgain(file);
  }

  /** Every file of `rel`'s directory that has facts; siblings are read from disk on first use. */
  group(rel: string): FileFacts[] {
    return this.groupFiles(AnalysisState.groupOf(rel));
  }

  /** Every directory that holds a known file. */
  groups(): string[] {
    return [...new Set(this.all().map((f) => AnalysisState.groupOf(f.file)))].sort();
  }

  groupFiles(dir: string): FileFacts[] {
    this.loadDirectory(dir);
    const out = new Map<string, FileFacts>();
    for (const [file, f] of this.disk) if (AnalysisState.groupOf(file) === dir) out.set(file, f);
    for (const [file, doc] of this.live) if (AnalysisState.groupOf(file) === dir) out.set(file, doc.facts());
    return [...out.values()].sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Every known file: the scan's, the loaded directories' and the open buffers'. */
  all(): FileFacts[] {
    const out = new Map(this.disk);
    for (const [file, doc] of this.live) out.set(file, doc.facts());
    return [...out.values()].sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Facts of the files under a root-relative directory (or one file's directory); all when null. */
  scoped(scopeRel: string | null): FileFacts[] {
    if (scopeRel === null || scopeRel === '' || scopeRel === '.') return this.all();
    let dir = scopeRel;
    try {
      if (!statSync(this.paths.absFromRel(scopeRel)).isDirectory()) dir = AnalysisState.groupOf(scopeRel);
    } catch {
      dir = AnalysisState.groupOf(scopeRel);
    }
    this.loadDirectory(dir);
    const prefix = dir === '.' ? '' : `${dir}/`;
    return this.all().filter((f) => prefix === '' || f.file.startsWith(prefix));
  }

  private loadDirectory(dir: string): void {
    if (this.loadedDirs.has(dir)) return;
    this.loadedDirs.add(dir);
    const abs = this.paths.absFromRel(dir);
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      return; // an unsaved buffer's directory may not exist
    }
    for (const name of names.filter((n) => sourceFile.test(n)).sort()) {
      const rel = dir === '.' ? name : `${dir}/${name}`;
      if (this.live.has(rel) || this.disk.has(rel)) continue;
      const facts = this.readFromDisk(rel, join(abs, name));
      if (facts) this.disk.set(rel, facts);
    }
  }

  private readFromDisk(rel: string, abs: string): FileFacts | null {
    this.bounds ??= new TreeBounds([this.paths.root], (a) => relative(this.paths.root, a));
    const read = readUserText(abs, { maxBytes: maxSiblingBytes, bounds: this.bounds });
    if (!read.ok) {
      // Too large (generated register headers) stays silent; a link out of the tree or a FIFO is said.
      if (read.kind !== 'too-large') this.onProblem(`${rel}:1: ${read.message}`);
      return null;
    }
    const text = read.text;
    try {
      if (!this.engine.mentionsMsiApi(text)) return null;
      return this.engine.extract(rel, text, this.currentEra);
    } catch (err) {
      this.onProblem(`${rel}:1: could not analyse: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }
}
