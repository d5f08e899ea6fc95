// The engine calls a review needs, as one interface: the default binds the real facts, workspace and
// check layers (default-engine.ts); keeping it an interface lets the series logic stay independent of
// how trees are scanned and cached.
import type { CheckResult } from '../engine/index';
import type { EraInfo, FileFacts, TreeFacts } from '../facts/types';

export type { CheckResult };

export interface ExtractInput {
  /** Path as the facts carry it (relative to cwd). */
  file: string;
  text: string;
  era: EraInfo;
  /** Resolves an #include of `fromFile` (cwd-relative) in the patched tree, as the workspace's include reader does on disk. */
  readInclude: (fromFile: string, spec: string, quoted: boolean) => string | undefined;
}

export interface ReviewEngine {
  /** Facts before the series: of `only` (tree-relative directories) when given, else of the whole tree. */
  analyzeTree(tree: string, cwd: string, only?: string[]): Promise<TreeFacts>;
  extractFileFacts(input: ExtractInput): Promise<FileFacts>;
  detectEra(read: (treePath: string) => string | undefined): EraInfo | undefined;
  checkTree(facts: TreeFacts): CheckResult;
  /** Forgets cached header contents (a patch changed a header in memory). */
  forgetHeaders(): void;
}
