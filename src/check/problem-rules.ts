// Which rule each kind of store problem evidences: one row per kind the model reports (see
// src/model/store/problem-kind.ts). This is the one place a kernel outcome becomes a rule code;
// `ruled` is applied where a replay event's problems enter the check layer.
import type { ProblemKind } from '../model/store/problem-kind';
import type { Problem } from '../model/store/types';
import type { RuleCode } from '../vocabulary/finding';

export const ruleOfKind: Readonly<Record<ProblemKind, RuleCode>> = {
  'first-after-last': 'msi/range-inverted',
  'count-not-positive': 'msi/range-inverted',
  'maxvec-below-minvec': 'msi/range-inverted',
  'slot-occupied': 'msi/index-conflict',
  'domain-full': 'msi/index-conflict',
  'domain-exists': 'msi/index-conflict',
  'platform-data-exists': 'msi/index-conflict',
  'descriptors-exist': 'msi/index-conflict',
  'mode-already-enabled': 'msi/index-conflict',
  'duplicate-entry': 'msi/index-conflict',
  'hwsize-too-large': 'msi/index-out-of-range',
  'count-too-large': 'msi/index-out-of-range',
  'index-beyond-max': 'msi/index-out-of-range',
  'index-beyond-hwsize': 'msi/index-out-of-range',
  'index-beyond-msix-table': 'msi/msix-table-overflow',
  'entry-beyond-msix-table': 'msi/msix-table-overflow',
  'msix-table-too-small': 'msi/msix-table-overflow',
  'beyond-partition-window': 'msi/partition-crossing',
  'domain-id-invalid': 'msi/domain-id-invalid',
  'no-domain': 'msi/domain-missing',
  'other-mode-enabled': 'msi/msi-msix-exclusive',
  'mode-not-enabled': 'msi/free-unallocated',
  'minvec-beyond-msi-count': 'msi/multi-msi-limit',
  'multi-msi-unsupported': 'msi/multi-msi-limit',
  'dynamic-needs-msix': 'msi/dynamic-msix-unsupported',
  'no-dynamic-msix': 'msi/dynamic-msix-unsupported',
  'api-absent': 'msi/api-not-in-era',
  'map-failed': 'msi/free-unallocated',
  'nothing-to-free': 'msi/free-unallocated',
  'lookup-empty-slot': 'msi/vector-unallocated',
  'lookup-beyond-nvec-used': 'msi/vector-unallocated',
  'lookup-without-msi': 'msi/vector-unallocated',
};

/** A store problem as the rules see it: the kernel's detail, classified by the rule it evidences. */
export interface RuledProblem extends Omit<Problem, 'kind'> {
  code: RuleCode;
}

export function ruled(p: Problem): RuledProblem {
  return { code: ruleOfKind[p.kind], certainty: p.certainty, detail: p.detail, assumptions: p.assumptions };
}
