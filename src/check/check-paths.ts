// Check files and directories from disk: the workspace scan, then the check. A kernel tree's
// directories are replayed by the scan workers as they go (scan-check.ts); whatever they could
// not take (a warm facts cache, a tree outside a kernel, a worker that died) is checked after the
// scan, on two threads when it is large (check-in-parts.ts).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { FileProblem } from '../facts/types';
import { analyzeTree, type AnalyzeOptions } from '../workspace/analyze-tree';
import { isDirectory } from '../workspace/paths';
import { resolveWorkerScript } from '../workspace/worker-script';
import { checkInParts } from './check-in-parts';
import { checkPart, mergeParts, type CheckOptions, type CheckResult } from './index';
import { partOptions } from './part-protocol';
import { PartWorker } from './part-worker-client';
import { acceptParts, type DirectoryPart, type ScanCheckPayload } from './scan-check';

export interface CheckPathsOptions extends CheckOptions {
  cwd: string;
  jobs?: number;
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function checkPaths(paths: string[], opts: CheckPathsOptions): Promise<CheckResult> {
  const scan: AnalyzeOptions = { cwd: opts.cwd };
  if (opts.jobs !== undefined) scan.jobs = opts.jobs;
  if (opts.onProblem) scan.onProblem = opts.onProblem;
  if (opts.onProgress) scan.onProgress = opts.onProgress;
  // With a topology the replay asks it about devices as it goes: that stays on this thread.
  const threads = (opts.jobs ?? availableParallelism()) > 1 && opts.topology === undefined && paths.some((p) => isDirectory(resolve(opts.cwd, p)));
  const parts: DirectoryPart[] = [];
  const failures: string[] = [];
  if (threads) {
    const payload: ScanCheckPayload = { tree: paths.join(' '), options: partOptions(opts) };
    scan.afterBatch = {
      script: resolveWorkerScript('scan-check-worker.js', __dirname, 'scan-check worker'),
      payload,
      onResult: (after) => void parts.push(...(after as DirectoryPart[])),
      onError: (message) => void failures.push(message),
    };
  }
  const tree = await analyzeTree(paths, scan);
  if (failures.length) throw new Error(`irqlens: checking in a scan worker failed: ${failures[0]}`);
  const { accepted, rest } = acceptParts(tree, parts);
  if (accepted.length > 0) return mergeParts(tree, opts, [...accepted, checkPart(rest, opts)]);
  const helper = threads ? PartWorker.start() : undefined;
  try {
    return await checkInParts(tree, opts, helper);
  } finally {
    await helper?.close();
  }
}
