// The review's engine bound to the real layers: the façade `Engine` scans (with its facts cache
// when asked) and checks; the facts layer extracts in-memory post-images and detects the era.
import { Engine, type Options } from '../engine/index';
import { clearHeaderCache, defaultEra, detectEra, extractFileFacts, initParser } from '../facts/index';
import { diskTree } from './overlay';
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
  // The scan's settings (threads, cache) apart from the check's: the check sees exactly opts.check.
  const scanner = new Engine({
    ...opts.check,
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
    ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
  });
  const checker = new Engine(opts.check);
  return {
    async analyzeTree(tree, cwd, only) {
      if (opts.prescanned) return opts.prescanned;
      if (only?.length === 0) {
        const disk = diskTree(resolve(cwd, tree));
        return { tree, era: detectEra((p) => disk.read(p)) ?? defaultEra, files: [] };
      }
      const paths = only ? only.map((d) => join(tree, d)) : [tree];
      return scanner.analyze(paths, {
        cwd,
        ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
    },
    async extractFileFacts(input) {
      parserReady ??= initParser();
      await parserReady;
      return extractFileFacts(input);
    },
    detectEra,
    checkTree: (facts) => checker.checkTree(facts),
    forgetHeaders: clearHeaderCache,
  };
}
