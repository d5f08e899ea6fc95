// The three output formats of `irqlens check`: gcc-style text, JSON and SARIF 2.1.0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/vocabulary/finding';
import { allRuleCodes } from '../../src/check/rules';
import { formatJson } from '../../src/cli/format/json';
import { fingerprint, toSarif } from '../../src/cli/format/sarif';
import { formatText } from '../../src/cli/format/text';
import { defaultEra } from '../../src/facts/era';

const range = (line: number, column: number) => ({ line, column, endLine: line, endColumn: column + 5 });
const finding: Finding = {
  code: 'msi/index-conflict',
  severity: 'error',
  message: "pci_msix_alloc_irq_at() on 'pdev': index 2 is still held by pci_alloc_irq_vectors() at drv.c:28",
  file: 'drivers/x/drv.c',
  range: range(35, 17),
  related: [{ file: 'drivers/x/drv.c', range: range(28, 8), message: 'pci_alloc_irq_vectors() allocated 0..3 here' }],
  assumptions: ['order: from probe x_probe()'],
  device: 'drivers/x/drv.c:pdev',
};
const id = (f: string) => f;

test('text: gcc style with a note line per related location', () => {
  assert.equal(
    formatText([finding], id),
    "drivers/x/drv.c:35:17: error: pci_msix_alloc_irq_at() on 'pdev': index 2 is still held by pci_alloc_irq_vectors() at drv.c:28 [msi/index-conflict]\n" +
      'drivers/x/drv.c:28:8: note: pci_alloc_irq_vectors() allocated 0..3 here\n',
  );
  assert.equal(formatText([], id), '');
});

test('json: the documented shape, files relative through the mapper', () => {
  const out = JSON.parse(formatJson('per-domain', defaultEra, [finding], (f) => f.replace('drivers/', ''))) as Record<string, unknown>;
  assert.equal(out.layout, 'per-domain');
  assert.deepEqual(out.findings, [
    {
      code: 'msi/index-conflict',
      severity: 'error',
      message: finding.message,
      file: 'x/drv.c',
      line: 35,
      column: 17,
      endLine: 35,
      endColumn: 22,
      related: [{ file: 'x/drv.c', line: 28, column: 8, message: 'pci_alloc_irq_vectors() allocated 0..3 here' }],
      assumptions: ['order: from probe x_probe()'],
      device: 'drivers/x/drv.c:pdev',
    },
  ]);
});

test('sarif: 2.1.0, every rule described with a helpUri, results point at their rule', () => {
  const log = toSarif([finding, { ...finding, severity: 'info', code: 'msi/leak' }], id, '0.1.0');
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules!;
  assert.deepEqual(
    rules.map((r) => r.id),
    allRuleCodes,
  );
  for (const r of rules) assert.match(r.helpUri!, /docs\/rules\/(msi|attr)-[a-z-]+\.md$/);
  const [a, b] = run.results!;
  assert.equal(a!.ruleId, 'msi/index-conflict');
  assert.equal(rules[a!.ruleIndex!]!.id, 'msi/index-conflict');
  assert.equal(a!.level, 'error');
  assert.equal(b!.level, 'note');
  assert.equal(a!.locations![0]!.physicalLocation!.region!.startLine, 35);
  assert.equal(a!.relatedLocations![0]!.physicalLocation!.region!.startLine, 28);
});

test('sarif partialFingerprints survive the code moving down by some lines', () => {
  const moved: Finding = { ...finding, range: range(45, 17), message: finding.message.replace('drv.c:28', 'drv.c:38') };
  assert.equal(fingerprint(moved, id), fingerprint(finding, id));
  assert.notEqual(fingerprint({ ...finding, code: 'msi/leak' }, id), fingerprint(finding, id));
});
