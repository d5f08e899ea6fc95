// What the server needs from the engine, as one interface: the engine's LiveEngine (everything
// that knows no LSP: src/engine/live-engine.ts) and review's findings on a patch file.
// `engine-binding.ts` puts the two together; the server's features only see this shape.
import type { AnalysisSettings, LiveEngine } from '../engine/index';
import type { Finding } from '../vocabulary/finding';

export type { AnalysisSettings, Attribution, CheckResult, LiveDocument, ScanChecks, ScanOptions } from '../engine/index';

export interface Engine extends LiveEngine {
  /** Findings a patch (series) introduces in the tree at root, placed on the patch file's lines. */
  reviewPatch(
    patchText: string,
    patchRel: string,
    root: string,
    opts: AnalysisSettings,
    cacheDir: string | null,
  ): Promise<{ findings: Finding[]; problems: string[]; mail: string }>;
}
