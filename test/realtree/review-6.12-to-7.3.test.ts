// The real era change as a review: `diff -u` of the MSI core, PCI/MSI and drivers whose MSI calls
// changed between Debian's 6.12 and 7.3 trees, reviewed against 6.12. The review must report the
// 7.x era (guard locking, domains prepared at creation, PCI/MSI hwsize = vector count) and end with
// the findings `irqlens check` reports for those drivers on 7.3. Skipped with IRQLENS_SKIP_REALTREE=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { checkPaths } from '../../src/engine/check-paths';
import type { Finding } from '../../src/vocabulary/finding';
import { defaultEngine } from '../../src/review/default-engine';
import { formatReviewText } from '../../src/review/format-text';
import { reviewSeries } from '../../src/review/review';
import { parsePatchText } from '../../src/review/series';
import { requireTree, skipRealTrees, treeVersion } from './kernel-trees';
import { treeDiff } from './tree-diff';

const skip = skipRealTrees;
const old = skip ? '' : requireTree('6.12');
const neu = skip ? '' : requireTree('7.3');

const core = [
  'kernel/irq/msi.c',
  'include/linux/msi.h',
  'include/linux/msi_api.h',
  'include/linux/pci.h',
  'drivers/pci/msi/api.c',
  'drivers/pci/msi/irqdomain.c',
  'drivers/pci/msi/msi.c',
  'drivers/pci/msi/msi.h',
  'drivers/pci/msi/pcidev_msi.c',
];
/**
 * Drivers whose MSI calls changed between the trees (lock guards, parent domains, reworked set-up),
 * and one new in 7.3 whose leaks `check` reports (so the comparison has findings to compare).
 */
const drivers = [
  'drivers/uio/uio_pci_generic_sva.c',
  'drivers/ntb/msi.c',
  'drivers/soc/ti/ti_sci_inta_msi.c',
  'drivers/pci/controller/pci-hyperv.c',
  'drivers/gpu/drm/hisilicon/hibmc/hibmc_drm_drv.c',
  'drivers/ufs/host/ufs-qcom.c',
  'drivers/thunderbolt/nhi.c',
];

const key = (f: Finding) => `${f.file}:${f.range.line}:${f.range.column} ${f.severity} ${f.code} ${f.message}`;

test('6.12 -> 7.3 diffs: the 7.x era reported, findings equal `check` on 7.3 for the patched drivers', { skip, timeout: 600_000 }, async (t) => {
  t.diagnostic(`reviewing ${treeVersion(old)} -> ${treeVersion(neu)}`);
  const diffs = [...core, ...drivers].map((p) => treeDiff(old, neu, p));
  const patches = await parsePatchText(diffs.join(''), '6.12-to-7.3.diff');
  assert.equal(patches.length, 1);
  assert.equal(patches[0]!.files.length, diffs.filter((d) => d !== '').length);
  const engine = defaultEngine({ check: { layout: 'auto', speculative: true }, jobs: 2 });
  const result = await reviewSeries({ tree: '.', cwd: old, patches, engine });
  const review = result.patches[0]!;
  assert.deepEqual(review.problems, []);
  assert.equal(review.eraBefore.generation, undefined);
  assert.equal(review.eraAfter.generation, '7.x');
  assert.match(review.eraAfter.label, /^7\.x per-domain .*guard\(msi_descs_lock\), device domains prepared at creation, PCI\/MSI domain hwsize = vector count/);
  // What the maintainer reads: one line naming the era change.
  const text = formatReviewText(result, { showUnchanged: false });
  assert.ok(text.includes(`Model: era changes from ${review.eraBefore.label} to ${review.eraAfter.label}`), text);
  const after = result.cumulative.findings
    .filter((f) => f.kind !== 'fixed' && drivers.includes(f.finding.file))
    .map((f) => key(f.finding))
    .sort();
  const check = await checkPaths([...new Set(drivers.map(dirname))], { cwd: neu, layout: 'auto', speculative: true, jobs: 2 });
  const expected = check.findings
    .filter((f) => drivers.includes(f.file))
    .map(key)
    .sort();
  t.diagnostic(`${expected.length} findings in the patched drivers on 7.3`);
  assert.ok(expected.length > 0, 'check finds nothing in the drivers: the comparison would prove nothing');
  assert.deepEqual(after, expected);
});
