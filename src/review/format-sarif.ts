// SARIF 2.1.0 for a review: one result per introduced finding (baselineState "new"), plus fixed ones
// as "absent", located in the post-image and, through a second location, on the patch file line.
import type * as Sarif from 'sarif';
import { isRuleCode, rules, ruleHelpUri } from '../check/rules';
import type { ReviewFinding, ReviewResult } from './types';

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

function region(line: number, column = 1, endLine = line, endColumn?: number): Sarif.Region {
  return endColumn === undefined ? { startLine: line, startColumn: column } : { startLine: line, startColumn: column, endLine, endColumn };
}

function toResult(rf: ReviewFinding, patchFile: string | undefined): Sarif.Result {
  const f = rf.finding;
  const locations: Sarif.Location[] = [{ physicalLocation: { artifactLocation: { uri: f.file }, region: region(f.range.line, f.range.column, f.range.endLine, f.range.endColumn) } }];
  if (patchFile !== undefined && rf.patchLine !== undefined)
    locations.push({ physicalLocation: { artifactLocation: { uri: patchFile }, region: region(rf.patchLine) }, message: { text: 'patch line' } });
  return {
    ruleId: f.code,
    level: level[f.severity],
    message: { text: f.message },
    locations,
    baselineState: rf.kind === 'introduced' ? 'new' : rf.kind === 'fixed' ? 'absent' : 'unchanged',
    relatedLocations: f.related.map((r, k) => ({ id: k, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: r.file }, region: region(r.range.line, r.range.column) } })),
    partialFingerprints: { 'irqlens/v1': `${f.code}:${f.file}:${f.device ?? ''}` },
  };
}

export function formatReviewSarif(result: ReviewResult, showUnchanged: boolean, version: string): Sarif.Log {
  const sourceOf = (index: number | undefined) => result.patches.find((p) => p.patch.index === index)?.patch.source;
  const results = result.cumulative.findings
    .filter((rf) => showUnchanged || rf.kind !== 'unchanged')
    .map((rf) => toResult(rf, sourceOf(rf.patchIndex)));
  const used = [...new Set(results.map((r) => r.ruleId ?? ''))].sort();
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'irqlens', version, informationUri: 'https://github.com/irqlens/irqlens', rules: used.filter(isRuleCode).map((id) => ({ id, shortDescription: { text: rules.get(id)?.title ?? id }, helpUri: ruleHelpUri(id) })) } },
      results,
    }],
  };
}
