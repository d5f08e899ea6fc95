// Check files and directories from disk: the workspace scan, then checkTree.
import type { FileProblem } from '../facts/types';
import { analyzeTree } from '../workspace/analyze-tree';
import type { CheckOptions, CheckResult } from './index';
import { checkTree } from './index';

export interface CheckPathsOptions extends CheckOptions {
  cwd: string;
  jobs?: number;
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function checkPaths(paths: string[], opts: CheckPathsOptions): Promise<CheckResult> {
  const scan: Parameters<typeof analyzeTree>[1] = { cwd: opts.cwd };
  if (opts.jobs !== undefined) scan.jobs = opts.jobs;
  if (opts.onProblem) scan.onProblem = opts.onProblem;
  if (opts.onProgress) scan.onProgress = opts.onProgress;
  const tree = await analyzeTree(paths, scan);
  return checkTree(tree, opts);
}
