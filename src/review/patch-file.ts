// Findings of an open patch file, placed on its own lines: what the language server publishes as
// diagnostics on .patch/.diff/.mbx/.mbox documents. Each finding keeps its post-image location as
// related information, so "go to" lands in the patched file.
import type { Finding } from '../check/finding';
import type { ReviewEngine } from './engine';
import { reviewSeries } from './review';
import { parsePatchText } from './series';
import { PatchError, type ParsedPatch, type ReviewFinding } from './types';

export interface PatchFileFindings {
  findings: Finding[];
  problems: string[];
}

function onPatchLine(rf: ReviewFinding, patchPath: string, patch: ParsedPatch | undefined): Finding {
  const f = rf.finding;
  const line = rf.patchLine ?? patch?.files[0]?.headerLine ?? patch?.firstLine ?? 1;
  const where = `${f.file}:${f.range.line}`;
  return {
    ...f,
    message: `${f.message} (${where} after this patch)`,
    file: patchPath,
    range: { line, column: 1, endLine: line, endColumn: 2 },
    related: [{ file: f.file, range: f.range, message: 'in the patched file' }, ...f.related],
  };
}

/** Reviews `patchText` against `treeDir`; returns the introduced findings on patch-file lines. */
export async function findingsOnPatchFile(
  patchText: string,
  patchPath: string,
  treeDir: string,
  opts: { cwd: string; engine: ReviewEngine },
): Promise<PatchFileFindings> {
  let patches: ParsedPatch[];
  try {
    patches = await parsePatchText(patchText, patchPath);
  } catch (err) {
    if (err instanceof PatchError) return { findings: [], problems: [err.message] };
    throw err;
  }
  const result = await reviewSeries({ tree: treeDir, cwd: opts.cwd, patches, engine: opts.engine });
  const findings = result.patches.flatMap((r) =>
    r.findings.filter((x) => x.kind === 'introduced').map((x) => onPatchLine(x, patchPath, r.patch)),
  );
  const problems = result.patches.flatMap((r) => [...r.problems, ...r.patch.notes]);
  return { findings, problems };
}
