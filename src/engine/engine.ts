// The engine's one façade (as clangd's ClangdServer is): what the CLI, the language server and
// review call. It owns the options, schedules the work over worker threads (or none, `jobs: 0`)
// and returns one result type; the layers below it never see a face.
import type { EraInfo, FileProblem, MsiFact, TreeFacts } from '../facts/types';
import { attributeFact, type Attribution } from '../model/iommu/index';
import type { SimulationResult } from '../vocabulary/snapshot';
import { analyzeTree, type AnalyzeOptions } from './analyze-tree';
import { checkEach } from './check-each';
import { checkPaths } from './check-paths';
import { checkTree, listDevices, matchDevices, simulate, type DeviceSummary } from './check-tree';
import type { Options } from './options';
import type { CheckResult } from './result';
import { ScannedParts } from './scanned-parts';
import { startCheckHelper } from './worker-pool';

/** Where paths are read from and what a caller hears while they are. */
export interface ReadOptions {
  /** Output paths are relative to this directory. */
  cwd: string;
  /** The era when no kernel tree's headers decide it. */
  era?: EraInfo;
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** How checkEach goes about many trees. */
export interface EachOptions {
  signal?: AbortSignal;
  /** Fewer trees than this are all checked on the calling thread (default 16: a worker only
   *  pays off for a workspace scan's worth of directories). */
  minTreesForWorker?: number;
}

/** A scan whose workers checked each directory as they went (scanChecked). */
export interface ScannedTree {
  tree: TreeFacts;
  /** checkTree of `tree` (a directory's files) with `engine`'s options, when the scan's workers
   *  computed it from exactly those files and equivalent options; undefined otherwise. */
  resultFor(dir: string, tree: TreeFacts, engine: Engine): CheckResult | undefined;
  /** The first failure of a worker's check (its directories are left to the caller). */
  failure: string | undefined;
}

const minTreesForWorker = 16;

export class Engine {
  constructor(readonly options: Options = {}) {}

  /** The same engine with some options changed. */
  with(changes: Options): Engine {
    return new Engine({ ...this.options, ...changes });
  }

  /** Facts of every MSI-relevant file under `paths` (worker threads, the facts cache when set). */
  analyze(paths: string[], read: ReadOptions, more: Pick<AnalyzeOptions, 'scanCheck' | 'deferCacheWrite'> = {}): Promise<TreeFacts> {
    const scan: AnalyzeOptions = { ...read, ...more };
    if (this.options.jobs !== undefined) scan.jobs = this.options.jobs;
    if (this.options.cacheDir !== undefined) scan.cacheDir = this.options.cacheDir;
    return analyzeTree(paths, scan);
  }

  /** analyze(), with the scan workers checking each directory as they go (a kernel tree without
   *  a warm cache; no topology): what they computed is kept for resultFor. */
  async scanChecked(paths: string[], read: ReadOptions, more: Pick<AnalyzeOptions, 'deferCacheWrite'> = {}): Promise<ScannedTree> {
    const scanned = new ScannedParts(this.options);
    const tree = await this.analyze(paths, read, { ...scanned.scanCheck(paths.join(' ')), ...more });
    return { tree, resultFor: (dir, t, engine) => scanned.resultFor(dir, t, engine.options), failure: scanned.failure };
  }

  /** Scan and check files and directories from disk. */
  checkPaths(paths: string[], read: ReadOptions): Promise<CheckResult> {
    return checkPaths(paths, { ...this.options, ...read });
  }

  /** Check facts already in memory, on this thread. */
  checkTree(tree: TreeFacts): CheckResult {
    return checkTree(tree, this.options);
  }

  /** checkTree of many small trees (the language server's directories): about half in a check
   *  worker when there are enough of them (none with a topology or `jobs: 0`), the rest here one
   *  per event-loop turn; results arrive in no fixed order. Stops early when `signal` aborts. */
  async checkEach(trees: TreeFacts[], each: EachOptions, onResult: (index: number, result: CheckResult) => void): Promise<void> {
    const worth = trees.length >= (each.minTreesForWorker ?? minTreesForWorker) && !this.options.topology && this.options.jobs !== 0;
    const helper = worth ? startCheckHelper() : undefined;
    try {
      await checkEach(trees, this.options, { ...(helper ? { helper } : {}), ...(each.signal ? { signal: each.signal } : {}) }, onResult);
    } finally {
      await helper?.close();
    }
  }

  simulate(tree: TreeFacts, device: string): SimulationResult {
    return simulate(tree, device, this.options);
  }

  devices(tree: TreeFacts): DeviceSummary[] {
    return listDevices(tree);
  }

  matchDevices(tree: TreeFacts, expr: string): string[] {
    return matchDevices(tree, expr, this.options);
  }

  /** Who owns the call's MSI and which requester IDs it uses, with the topology when set. */
  attribute(fact: MsiFact, tree: TreeFacts): Attribution {
    const topology = this.options.topology;
    return attributeFact(fact, topology ? { tree, topology } : { tree });
  }
}
