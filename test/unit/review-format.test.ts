import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/vocabulary/finding';
import { defaultEra } from '../../src/facts/era';
import { formatReviewText } from '../../src/review/format-text';
import type { ReviewFinding, ReviewResult } from '../../src/review/types';

const range = (line: number) => ({ line, column: 2, endLine: line, endColumn: 9 });
const finding = (file: string, line: number): Finding => ({
  code: 'msi/api-not-in-era',
  severity: 'warning',
  message: 'msi_get_virq() does not exist in this tree. It was removed.',
  file,
  range: range(line),
  related: [],
  assumptions: [],
});

function result(findings: ReviewFinding[]): ReviewResult {
  const review = { problems: [], eraBefore: defaultEra, eraAfter: defaultEra, findings, mapChanges: [] };
  const patch = {
    source: 'p.patch',
    index: 1,
    subject: 'genirq/msi: drop msi_get_virq()',
    message: '',
    trailers: [],
    diffstat: [],
    files: [],
    notes: [],
    firstLine: 1,
  };
  return { tree: '.', patches: [{ patch, ...review }], cumulative: review };
}

test('text: findings in untouched files are listed up to five per rule, then counted; messages keep their first sentence', () => {
  const outside = Array.from(
    { length: 7 },
    (_, k): ReviewFinding => ({ kind: 'introduced', finding: finding(`drivers/d${k % 3}.c`, 10 + k), patchIndex: 1, patchLine: 12, outside: true }),
  );
  const inside: ReviewFinding = { kind: 'introduced', finding: finding('kernel/irq/msi.c', 3), patchIndex: 1, patchLine: 20 };
  const text = formatReviewText(result([inside, ...outside]), { showUnchanged: false });
  assert.equal(
    text,
    [
      '[1/1] genirq/msi: drop msi_get_virq() (p.patch)',
      'Introduces:',
      '  kernel/irq/msi.c:3: warning: msi_get_virq() does not exist in this tree. [msi/api-not-in-era]',
      ...[0, 1, 2, 3, 4].map((k) => `  drivers/d${k % 3}.c:${10 + k}: warning: msi_get_virq() does not exist in this tree. [msi/api-not-in-era]`),
      '  ... and 2 more [msi/api-not-in-era] (7 in 3 files this patch does not touch; --format json lists all)',
      '',
    ].join('\n'),
  );
});
