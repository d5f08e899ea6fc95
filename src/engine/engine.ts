// The engine's one façade (as clangd's ClangdServer is): what the CLI, the language server and
// review call. It owns the options, schedules the work over worker threads (or none, `jobs: 0`)
// and returns one result type; the layers below it never see a face.
import type { EraInfo, FileProblem, TreeFacts } from '../facts/types';
import type { SimulationResult } from '../vocabulary/snapshot';
import { analyzeTree, type AnalyzeOptions } from './analyze-tree';
import { checkEach, type EachOptions } from './check-each';
import { checkPaths } from './check-paths';
import { checkTree, listDevices, matchDevices, simulate, type DeviceSummary } from './check-tree';
import type { Options } from './options';
import type { CheckResult } from './result';

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

  /** Scan and check files and directories from disk. */
  checkPaths(paths: string[], read: ReadOptions): Promise<CheckResult> {
    return checkPaths(paths, { ...this.options, ...read });
  }

  /** Check facts already in memory, on this thread. */
  checkTree(tree: TreeFacts): CheckResult {
    return checkTree(tree, this.options);
  }

  /** checkTree of many small trees, about half in a worker when `each.helper` is given. */
  checkEach(trees: TreeFacts[], each: EachOptions, onResult: (index: number, result: CheckResult) => void): Promise<void> {
    return checkEach(trees, this.options, each, onResult);
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
}
