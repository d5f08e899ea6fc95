// The directory parts a scan's workers checked as they went (scan-check.ts): checkPaths merges
// them, and a caller that checks directory by directory (the language server) takes each as its
// directory's result: that is checkTree of the directory's files, so a part computed from
// exactly those files, with the same options, is that result without a replay.
import type { TreeFacts } from '../facts/types';
import type { AnalyzeOptions } from './analyze-tree';
import { mergeParts } from './check-tree';
import { type Options, partOptions } from './options';
import { type CheckResult } from './result';
import { directoriesOf, fitsTree, type DirectoryPart, type ScanCheckPayload } from './scan-check';

export class ScannedParts {
  private readonly parts = new Map<string, DirectoryPart | null>();
  /** The first failure of a worker's check (its directories are not kept). */
  failure: string | undefined;

  constructor(private readonly options: Options) {}

  /** What analyzeTree needs to have its workers check (nothing with a topology: see check-in-parts.ts). */
  scanCheck(tree: string): Pick<AnalyzeOptions, 'scanCheck'> {
    if (this.options.topology !== undefined) return {};
    const payload: ScanCheckPayload = { tree, options: partOptions(this.options) };
    return {
      scanCheck: {
        payload,
        onParts: (parts) => {
          // A directory answered twice was split between batches: neither answer is whole.
          for (const p of parts) this.parts.set(p.dir, this.parts.has(p.dir) ? null : p);
        },
        onError: (message) => void (this.failure ??= message),
      },
    };
  }

  /** The parts each computed from a whole directory. */
  whole(): DirectoryPart[] {
    return [...this.parts.values()].filter((p): p is DirectoryPart => p !== null);
  }

  /** checkTree(tree, opts) when the scan checked tree's directory from the same files. */
  resultFor(dir: string, tree: TreeFacts, opts: Options): CheckResult | undefined {
    const part = this.parts.get(dir);
    if (!part || opts.topology !== undefined || JSON.stringify(partOptions(opts)) !== JSON.stringify(partOptions(this.options))) return undefined;
    if (!fitsTree(part, directoriesOf(tree.files))) return undefined;
    return mergeParts(tree, opts, [part.result]);
  }
}
