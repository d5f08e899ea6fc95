// A finding: what every face (CLI, SARIF, LSP diagnostics, review mail) renders.
import type { Range } from './range';

export type Severity = 'error' | 'warning' | 'info';

export type RuleCode =
  | 'msi/index-conflict'
  | 'msi/index-out-of-range'
  | 'msi/range-inverted'
  | 'msi/domain-missing'
  | 'msi/domain-id-invalid'
  | 'msi/partition-crossing'
  | 'msi/msi-msix-exclusive'
  | 'msi/multi-msi-limit'
  | 'msi/dynamic-msix-unsupported'
  | 'msi/vector-unallocated'
  | 'msi/free-unallocated'
  | 'msi/leak'
  | 'msi/msix-table-overflow'
  | 'msi/api-not-in-era'
  | 'msi/descs-unlocked'
  | 'msi/result-unchecked'
  | 'msi/impossible-success-test'
  | 'msi/index-from-requested'
  | 'attr/subdevice-descriptor'
  | 'attr/shared-requester-id'
  | 'attr/no-iommu-context';

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  code: RuleCode;
  severity: Severity;
  /** One or two sentences a maintainer would accept in a review mail. */
  message: string;
  file: string;
  range: Range;
  related: RelatedLocation[];
  /** What the model assumed to reach this verdict (run-time values, order, layout). */
  assumptions: string[];
  /** The device key the finding is about, when there is one. */
  device?: string;
  /**
   * The verdict rests only on what the model cannot see (a branch condition it cannot read, a
   * run-time count alone): shown only on request (`--speculative`, `irqlens.speculative`).
   */
  speculative?: true;
}

/** The findings to show: speculative ones only when asked for. */
export function shown(findings: Finding[], speculative: boolean | undefined): Finding[] {
  return speculative ? findings : findings.filter((f) => !f.speculative);
}

const severityRank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

/** Stable order for output: file, line, column, code. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.range.line - b.range.line || a.range.column - b.range.column || a.code.localeCompare(b.code);
}
