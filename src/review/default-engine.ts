// The review's engine bound to the real layers: workspace scan (with its facts cache when asked),
// facts extraction of in-memory post-images, era detection and the check layer.
import { checkTree } from '../engine/check-tree';
import { type Options } from '../engine/options';
import { clearHeaderCache, defaultEra, detectEra, extractFileFacts, initParser } from '../facts/index';
import { diskTree } from './overlay';
import { analyzeTree } from '../engine/analyze-tree';
import type { FileProblem, TreeFacts } from '../facts/types';
import type { ReviewEngine } from './engine';
import { join, resolve } from 'node:path';

export interface EngineOptions {
  check: Options;
  /** Worker threads for the initial scan (the workspace default when absent). */
  jobs?: number;
  /** Facts cache directory (the workspace's on-disk cache); none when absent. */
  cacheDir?: string;
  onProblem?: (p: FileProblem) => void;
  onProgress?: (done: number, total: number) => void;
  /** Facts the caller already has for the tree (a language server's scan): used instead of scanning. */
  prescanned?: TreeFacts;
}

export function defaultEngine(opts: EngineOptions): ReviewEngine {
  let parserReady: Promise<void> | undefined;
  return {
    async analyzeTree(tree, cwd, only) {
      if (opts.prescanned) return opts.prescanned;
      if (only?.length === 0) {
        const disk = diskTree(resolve(cwd, tree));
        return { tree, era: detectEra((p) => disk.read(p)) ?? defaultEra, files: [] };
      }
      const paths = only ? only.map((d) => join(tree, d)) : [tree];
      return analyzeTree(paths, { cwd, jobs: opts.jobs, cacheDir: opts.cacheDir, onProblem: opts.onProblem, onProgress: opts.onProgress });
    },
    async extractFileFacts(input) {
      parserReady ??= initParser();
      await parserReady;
      return extractFileFacts(input);
    },
    detectEra,
    checkTree: (facts) => checkTree(facts, opts.check),
    forgetHeaders: clearHeaderCache,
  };
}
