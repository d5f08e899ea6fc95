// Check files and directories from disk: the workspace scan, then the check (of a directory
// on two threads when the machine has two cores: check-in-parts.ts).
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { FileProblem } from '../facts/types';
import { analyzeTree } from '../workspace/analyze-tree';
import { checkInParts } from './check-in-parts';
import type { CheckOptions, CheckResult } from './index';
import { PartWorker } from './part-worker-client';

export interface CheckPathsOptions extends CheckOptions {
  cwd: string;
  jobs?: number;
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function checkPaths(paths: string[], opts: CheckPathsOptions): Promise<CheckResult> {
  const scan: Parameters<typeof analyzeTree>[1] = { cwd: opts.cwd };
  if (opts.jobs !== undefined) scan.jobs = opts.jobs;
  if (opts.onProblem) scan.onProblem = opts.onProblem;
  if (opts.onProgress) scan.onProgress = opts.onProgress;
  const split = (opts.jobs ?? availableParallelism()) > 1 && opts.topology === undefined && paths.some((p) => isDirectory(resolve(opts.cwd, p)));
  const helper = split ? PartWorker.start() : undefined;
  try {
    const tree = await analyzeTree(paths, scan);
    return await checkInParts(tree, opts, helper);
  } finally {
    await helper?.close();
  }
}
