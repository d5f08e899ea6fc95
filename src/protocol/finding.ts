// Findings as they cross the wire (LSP custom requests, the status notification, review results).
// The protocol owns this shape: src/vocabulary's Finding is converted to it (conversions.ts), and
// a change on either side that would change the wire is a type error there.

/** 1-based line and column; columns count UTF-16 code units; end is exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

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
  /** Rests only on what the model cannot see; clients show it only when asked (irqlens.speculative). */
  speculative?: true;
}
