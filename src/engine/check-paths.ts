// Check files and directories from disk: the workspace scan, then the check. A kernel tree's
// directories are replayed by the scan workers as they go (scan-check.ts); whatever they could
// not take (a warm facts cache, a tree outside a kernel, a worker that died) is checked after the
// scan, on two threads when it is large (check-in-parts.ts).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { EraInfo, FileProblem } from '../facts/types';
import { analyzeTree, type AnalyzeOptions } from './analyze-tree';
import { isDirectory } from '../workspace/paths';
import { checkInParts } from './check-in-parts';
import { checkPart, mergeParts } from './check-tree';
import { type Options } from './options';
import { type CheckResult } from './result';
import { startCheckHelper } from './worker-pool';
import { acceptParts } from './scan-check';
import { ScannedParts } from './scanned-parts';
import { PartCache } from './part-cache';
import { fileProblem } from '../workspace/file-problem';

export interface CheckPathsOptions extends Options {
  cwd: string;
  /** The era outside a kernel tree (analyzeTree's `era`). */
  era?: EraInfo;
  jobs?: number;
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function checkPaths(paths: string[], opts: CheckPathsOptions): Promise<CheckResult> {
  const scan: AnalyzeOptions = { cwd: opts.cwd, ...(opts.era ? { era: opts.era } : {}) };
  if (opts.jobs !== undefined) scan.jobs = opts.jobs;
  if (opts.cacheDir !== undefined) scan.cacheDir = opts.cacheDir;
  if (opts.onProblem) scan.onProblem = opts.onProblem;
  if (opts.onProgress) scan.onProgress = opts.onProgress;
  // With a topology the replay asks it about devices as it goes: that stays on this thread.
  const threads = (opts.jobs ?? availableParallelism()) > 1 && opts.topology === undefined && paths.some((p) => isDirectory(resolve(opts.cwd, p)));
  const scanned = threads ? new ScannedParts(opts) : undefined;
  const tree = await analyzeTree(paths, { ...scan, ...scanned?.scanCheck(paths.join(' ')) });
  if (scanned?.failure) throw new Error(`irqlens: checking in a scan worker failed: ${scanned.failure}`);
  const fresh = scanned?.whole() ?? [];
  if (opts.cacheDir !== undefined && opts.topology === undefined) {
    // `check --cache`: directories whose facts did not change keep their last replay.
    const log = (message: string) => opts.onProblem?.(fileProblem(opts.cacheDir!, message, 'warning'));
    const cache = new PartCache(opts.cacheDir, resolve(opts.cwd), log);
    const { accepted, rest } = acceptParts(tree, [...fresh, ...cache.exchange(tree, opts, fresh)]);
    const result = mergeParts(tree, opts, [...accepted, ...cache.checkRest(rest, opts)]);
    cache.save();
    return result;
  }
  const { accepted, rest } = acceptParts(tree, fresh);
  if (accepted.length > 0) return mergeParts(tree, opts, [...accepted, checkPart(rest, opts)]);
  const helper = threads ? startCheckHelper() : undefined;
  try {
    return await checkInParts(tree, opts, helper);
  } finally {
    await helper?.close();
  }
}
