// Whole-tree analysis: discover .c/.h files, then prefilter and extract facts in worker threads.
// Discovery only lists names; each worker reads its files one at a time, so memory stays flat.
// Every face (CLI facts/check, review, language server) calls analyzeTree.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirOf } from '../facts/directory';
import { defaultEra, eraFromFacts, initParser } from '../facts/index';
import type { EraInfo, FileFacts, FileProblem, TreeFacts } from '../facts/types';
import { FactsCache } from './cache';
import { discoverFiles, type Discovery } from '../workspace/discover';
import type { FileStamp } from '../workspace/file-reader';
import { fileProblem, problemOnlyFacts } from '../workspace/file-problem';
import { findKernelRoot } from '../workspace/kernel-root';
import { byFileName, isDirectory, toAbsolute, toOutputPath } from '../workspace/paths';
import { createScanContext } from '../workspace/scan-context';
import { scanFile } from '../workspace/scan-file';
import type { ScanJob, ScanResult } from './rpc';
import type { DirectoryPart, ScanCheckPayload } from './scan-check';
import { WorkerPool } from './worker-pool';
import type { ScanSetup } from '../workspace/scan-setup';
import { eraOfKernelTree } from '../workspace/tree-era';

export interface AnalyzeOptions {
  /** Output paths are relative to this directory. */
  cwd: string;
  /** Worker threads; default os.availableParallelism(); 0 scans on the calling thread. */
  jobs?: number;
  /** Called once for every problem, in file order when the scan ends (cache trouble at once).
   *  The same problems are in TreeFacts.files[].problems: a face shows one or the other. */
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
  /** Enables the on-disk facts cache under this directory (see cache.ts). */
  cacheDir?: string;
  /** Given, the cache is not written before analyzeTree returns: `write` is handed over, for a
   *  caller with results to show first (the language server publishes, then writes). */
  deferCacheWrite?: (write: () => void) => void;
  /**
   * Also check each directory in the scan workers, once its batch is scanned, where its facts
   * already are (scan-check.ts): the payload they need, and where their answers go. Only a
   * streaming scan of a kernel tree (era known before the scan, no warm cache) does it; batches
   * then hold whole directories. `onParts` may not be called for every batch (other scans, a
   * worker that died): the caller covers what is missing.
   */
  scanCheck?: { payload: ScanCheckPayload; onParts: (parts: DirectoryPart[]) => void; onError: (message: string) => void };
  signal?: AbortSignal;
  /** The era when no kernel tree's headers decide it (a scenario's `era:` marker); else inferred from the calls. */
  era?: EraInfo;
}

interface Plan {
  setup: ScanSetup;
  jobs: ScanJob[];
  cached: FileFacts[];
  cache?: FactsCache;
  /** Cache keys of the files to scan (output path -> size and mtime). */
  stats: Map<string, FileStamp>;
  /** Workers' stamps not yet in `stats`: read when the cache is written, not during the scan. */
  stamps: [ScanJob[], Float64Array][];
}

/** The largest kernel file extracts in ~0.2 s: 60 s only trips on a real hang. */
const scanTaskTimeoutMs = 60_000;

function scanPool(size: number, setup: ScanSetup): WorkerPool {
  return new WorkerPool({ name: 'scan worker', size, setup: { scan: setup }, taskTimeoutMs: scanTaskTimeoutMs, replace: true });
}

function batchSize(total: number, workers: number): number {
  return Math.min(256, Math.max(8, Math.ceil(total / (workers * 8))));
}

function plan(absFiles: string[], setup: ScanSetup, opts: AnalyzeOptions, cache: FactsCache | undefined): Plan {
  const result: Plan = { setup, jobs: [], cached: [], stats: new Map(), stamps: [], cache };
  for (const abs of absFiles) {
    const file = toOutputPath(abs, opts.cwd);
    if (result.cache) {
      const key = statKey(abs);
      const hit = key ? result.cache.get(file, key.size, key.mtimeMs) : undefined;
      if (hit !== undefined) {
        if (hit) result.cached.push(hit);
        continue;
      }
      if (key) result.stats.set(file, key);
    }
    result.jobs.push({ abs, file });
  }
  return result;
}

function statKey(abs: string): FileStamp | undefined {
  try {
    const s = statSync(abs);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

async function scanInline(jobs: ScanJob[], setup: ScanSetup, opts: AnalyzeOptions): Promise<FileFacts[]> {
  if (jobs.length === 0) return [];
  await initParser();
  const ctx = createScanContext(setup);
  const out: FileFacts[] = [];
  for (let i = 0; i < jobs.length; i++) {
    if (i % 256 === 0) {
      opts.signal?.throwIfAborted();
      opts.onProgress?.(i, jobs.length);
    }
    const facts = scanFile(jobs[i]!.abs, jobs[i]!.file, ctx);
    if (facts) out.push(facts);
  }
  return out;
}

/** Sends one batch as a 'scan' task; a batch whose worker died yields "not scanned" problems.
 *  With `stamps`, the size and mtime each file had when its worker read it are kept there. */
function batchRunner(
  pool: WorkerPool,
  opts: AnalyzeOptions,
  progress: { done: number; total: number },
  stamps?: Plan['stamps'],
  check?: AnalyzeOptions['scanCheck'],
) {
  return async (batch: ScanJob[]): Promise<FileFacts[]> => {
    let reply: ScanResult;
    try {
      reply = await pool.call('scan', { stage: 'scan', jobs: batch, ...(check ? { check: check.payload } : {}) });
    } catch (err) {
      return failedBatch(batch, err, opts.signal);
    }
    stamps?.push([batch, reply.stamps]);
    if (reply.checkError !== undefined) check?.onError(reply.checkError);
    else if (reply.parts !== undefined) check?.onParts(reply.parts);
    progress.done += batch.length;
    opts.onProgress?.(progress.done, progress.total);
    return reply.results;
  };
}

/** Runs `feed` (which queues batches into its argument) and collects their results; the pool is
 *  closed either way, and batches already queued when feed throws are not left unhandled. */
async function withPool(pool: WorkerPool, opts: AnalyzeOptions, feed: (batches: Promise<FileFacts[]>[]) => void): Promise<FileFacts[]> {
  const abort = (): void => void pool.close();
  opts.signal?.addEventListener('abort', abort, { once: true });
  const batches: Promise<FileFacts[]>[] = [];
  try {
    feed(batches);
    const results = (await Promise.all(batches)).flat();
    opts.signal?.throwIfAborted();
    return results;
  } catch (err) {
    for (const b of batches) b.catch(() => undefined);
    throw err;
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await pool.close();
  }
}

async function scanWithWorkers(p: Plan, workers: number, opts: AnalyzeOptions): Promise<FileFacts[]> {
  const pool = scanPool(workers, p.setup);
  const size = batchSize(p.jobs.length, workers);
  const scan = batchRunner(pool, opts, { done: p.cached.length, total: p.cached.length + p.jobs.length });
  return withPool(pool, opts, (batches) => {
    for (let i = 0; i < p.jobs.length; i += size) batches.push(scan(p.jobs.slice(i, i + size)));
  });
}

/** Unread files (NaN) get no key, so they are not cached, as statKey's misses are not. */
function keepStamps(batch: ScanJob[], stamps: Float64Array, into: Map<string, FileStamp>): void {
  batch.forEach((job, i) => {
    const size = stamps[2 * i]!;
    if (!Number.isNaN(size)) into.set(job.file, { size, mtimeMs: stamps[2 * i + 1]! });
  });
}

/**
 * Discovery and scan together: workers start loading while the tree is listed, and each piece of
 * the listing (discover.ts: a directory's own files, two levels deep) is handed out as soon as it
 * is known. A cold cache (every
 * file would miss) takes this path too: its keys come from the workers' fstat of each read.
 */
async function discoverAndScan(
  paths: string[],
  setup: ScanSetup,
  opts: AnalyzeOptions,
  pool: WorkerPool,
  cache: FactsCache | undefined,
  after: AnalyzeOptions['scanCheck'],
): Promise<Scan> {
  const p: Plan = { setup, jobs: [], cached: [], stats: new Map(), stamps: [], cache };
  const progress = { done: 0, total: 0 };
  const scan = batchRunner(pool, opts, progress, cache ? p.stamps : undefined, after);
  let discovery: Discovery | undefined;
  const scanned = await withPool(pool, opts, (batches) => {
    pool.setDepth(discoveryDepth);
    discovery = discoverFiles(paths, opts.cwd, opts.signal, (files) => {
      const jobs = files.map((abs) => ({ abs, file: toOutputPath(abs, opts.cwd) }));
      for (const j of jobs) p.jobs.push(j);
      progress.total += jobs.length;
      for (const batch of after ? wholeDirectoryBatches(jobs) : slices(jobs)) batches.push(scan(batch));
    });
    pool.setDepth(2);
    // Path order, as plan() gives: the cache file is then written in the same order.
    if (cache) p.jobs.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  });
  return { discovery: discovery!, p, scanned, workers: pool.size };
}

function slices(jobs: ScanJob[]): ScanJob[][] {
  const out: ScanJob[][] = [];
  for (let i = 0; i < jobs.length; i += streamBatch) out.push(jobs.slice(i, i + streamBatch));
  return out;
}

/** About streamBatch files a batch, each directory's files in one batch (a larger directory
 *  makes a larger batch). A piece of the listing holds every file of its directories. */
function wholeDirectoryBatches(jobs: ScanJob[]): ScanJob[][] {
  const byDir = new Map<string, ScanJob[]>();
  for (const j of jobs) {
    const dir = dirOf(j.file);
    const list = byDir.get(dir);
    if (list) list.push(j);
    else byDir.set(dir, [j]);
  }
  const out: ScanJob[][] = [];
  let current: ScanJob[] = [];
  for (const files of byDir.values()) {
    if (current.length > 0 && current.length + files.length > streamBatch) {
      out.push(current);
      current = [];
    }
    current = current.concat(files);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Batches each worker may hold while the tree is listed (dealt round-robin): about as much
 *  prefilter work as listing a kernel tree takes. With 2, a worker sat idle for a quarter second
 *  at start; measured on 6.12, 32 gives 0.1 s less wall than 2. */
const discoveryDepth = 32;

/** Batch size while the total is unknown (a kernel tree's top-level directories hold 10-30,000 files). */
const streamBatch = 256;

interface Scan {
  discovery: Discovery;
  p: Plan;
  scanned: FileFacts[];
  workers: number;
}

async function discoverThenScan(paths: string[], setup: ScanSetup, opts: AnalyzeOptions, cache: FactsCache | undefined): Promise<Scan> {
  const discovery = discoverFiles(paths, opts.cwd, opts.signal);
  const p = plan(discovery.files, setup, opts, cache);
  const workers = Math.min(opts.jobs ?? availableParallelism(), Math.ceil(p.jobs.length / 8));
  const scanned = workers > 0 ? await scanWithWorkers(p, workers, opts) : await scanInline(p.jobs, setup, opts);
  return { discovery, p, scanned, workers };
}

/** A batch whose worker died: its files are reported, the scan goes on. */
function failedBatch(batch: ScanJob[], err: unknown, signal?: AbortSignal): FileFacts[] {
  signal?.throwIfAborted();
  const reason = err instanceof Error ? err.message : String(err);
  return batch.map((j) => problemOnlyFacts(j.file, [fileProblem(j.file, `not scanned: ${reason}`)]));
}

function storeInCache(p: Plan, scanned: FileFacts[], defer?: (write: () => void) => void): void {
  if (!p.cache) return;
  if (defer) {
    defer(() => storeInCache(p, scanned));
    return;
  }
  for (const [batch, stamps] of p.stamps.splice(0)) keepStamps(batch, stamps, p.stats);
  const byFile = new Map(scanned.map((f) => [f.file, f]));
  for (const job of p.jobs) {
    const key = p.stats.get(job.file);
    const facts = byFile.get(job.file);
    if (!key || (facts && facts.problems.some((pr) => pr.severity === 'error'))) continue;
    p.cache.set(job.file, key.size, key.mtimeMs, facts ?? null);
  }
  p.cache.save();
}

/**
 * Workers load their bundle and the parser in parallel with discovery (0.15-0.25 s on a kernel
 * tree) when a directory is scanned without the cache or with a cold one; otherwise the job
 * count decides first, so a warm cached rescan or a single file never starts a worker it does
 * not need.
 */
function startPoolEarly(paths: string[], setup: ScanSetup, opts: AnalyzeOptions, cache: FactsCache | undefined): WorkerPool | undefined {
  const jobs = opts.jobs ?? availableParallelism();
  if (jobs <= 0 || (cache && !cache.isEmpty()) || !paths.some((path) => isDirectory(toAbsolute(path, opts.cwd)))) return undefined;
  return scanPool(jobs, setup);
}

export async function analyzeTree(paths: string[], opts: AnalyzeOptions): Promise<TreeFacts> {
  opts.signal?.throwIfAborted();
  const report = (p: FileProblem): void => opts.onProblem?.(p);
  const kernelRoot = paths.length > 0 ? findKernelRoot(toAbsolute(paths[0]!, opts.cwd)) : undefined;
  const headerEra = eraOfKernelTree(kernelRoot);
  const treeEra = headerEra ?? opts.era;
  const roots = paths.map((p) => toAbsolute(p, opts.cwd));
  const setup: ScanSetup = { cwd: opts.cwd, era: treeEra ?? defaultEra, roots, ...(kernelRoot ? { kernelRoot } : {}) };
  // Opened before discovery: whether it is cold decides how the scan starts.
  const cache = opts.cacheDir ? new FactsCache(opts.cacheDir, kernelRoot ?? opts.cwd, setup.era.label, report) : undefined;
  // Work after each batch needs the era before the scan: outside a kernel tree it comes after.
  const after = headerEra ? opts.scanCheck : undefined;
  const early = startPoolEarly(paths, setup, opts, cache);
  const scan = early ? await discoverAndScan(paths, setup, opts, early, cache, after) : await discoverThenScan(paths, setup, opts, cache);
  const { discovery, p, workers } = scan;
  let scanned = scan.scanned;
  let era: EraInfo = treeEra ?? eraFromFacts(scanned.concat(p.cached));
  if (!treeEra && era.era !== setup.era.era) scanned = await rescanWithEra(scanned, p, era, workers);
  storeInCache(p, scanned, opts.deferCacheWrite);
  const missing = discovery.problems.map((pr) => problemOnlyFacts(pr.file, [pr]));
  const files = [...missing, ...p.cached, ...scanned].sort(byFileName);
  for (const f of files) for (const pr of f.problems) report(pr);
  opts.onProgress?.(discovery.files.length, discovery.files.length);
  return { tree: paths.join(' '), era, files };
}

/** Outside a kernel tree the era comes from the calls; re-extract the candidates under it. */
async function rescanWithEra(scanned: FileFacts[], p: Plan, era: EraInfo, workers: number): Promise<FileFacts[]> {
  const candidates = new Set(scanned.filter((f) => f.facts.length > 0).map((f) => f.file));
  const jobs = p.jobs.filter((j) => candidates.has(j.file));
  const setup = { ...p.setup, era };
  const again =
    workers > 0 && jobs.length > 8
      ? await scanWithWorkers({ ...p, setup, jobs, cached: [] }, workers, { cwd: p.setup.cwd })
      : await scanInline(jobs, setup, { cwd: p.setup.cwd });
  const redone = new Map(again.map((f) => [f.file, f]));
  return scanned.map((f) => redone.get(f.file) ?? f);
}
