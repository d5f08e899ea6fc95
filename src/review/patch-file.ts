// Findings of an open patch file, placed on its own lines: what the language server publishes as
// diagnostics on .patch/.diff/.mbx/.mbox documents. Each finding keeps its post-image location as
// related information, so "go to" lands in the patched file.
import type { Finding } from '../vocabulary/finding';
import type { ReviewEngine } from './engine';
import { mboxText, replyDrafts } from './reply-mail';
import { reviewSeries } from './review';
import { parsePatchText } from './series';
import { PatchError, type ParsedPatch, type ReviewFinding } from './types';

export interface PatchFileFindings {
  findings: Finding[];
  problems: string[];
  /** Reply drafts to the patches that introduce findings, as one mbox (`review --format mail`); empty when none. */
  mail: string;
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
    if (err instanceof PatchError) return { findings: [], problems: [err.message], mail: '' };
    throw err;
  }
  const result = await reviewSeries({ tree: treeDir, cwd: opts.cwd, patches, engine: opts.engine });
  const problems = result.patches.flatMap((r) => [...r.problems, ...r.patch.notes]);
  const introduced = result.patches.flatMap((r) => r.findings.filter((x) => x.kind === 'introduced').map((x) => ({ x, patch: r.patch })));
  const shown = capOutside(
    introduced.map(({ x }) => x),
    problems,
  );
  const findings = introduced.filter(({ x }) => shown.has(x)).map(({ x, patch }) => onPatchLine(x, patchPath, patch));
  return { findings, problems, mail: mboxText(replyDrafts(result, { showUnchanged: false, cwd: opts.cwd })) };
}

/** Per rule, at most `maxOutside` findings from files the patch does not touch; the rest are counted in `problems`. */
function capOutside(found: ReviewFinding[], problems: string[]): Set<ReviewFinding> {
  const kept = new Set<ReviewFinding>();
  const extra = new Map<string, number>();
  const perCode = new Map<string, number>();
  for (const x of found) {
    const n = perCode.get(x.finding.code) ?? 0;
    if (!x.outside || n < maxOutside) kept.add(x);
    else extra.set(x.finding.code, (extra.get(x.finding.code) ?? 0) + 1);
    if (x.outside) perCode.set(x.finding.code, n + 1);
  }
  for (const [code, n] of extra) problems.push(`${n} more ${code} findings in files this patch does not touch (\`irqlens review\` lists them all)`);
  return kept;
}

const maxOutside = 10;
