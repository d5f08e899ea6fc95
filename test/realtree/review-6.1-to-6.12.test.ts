// Real diffs: `diff -u` of the MSI core, the PCI/MSI layer and a few drivers between Debian's 6.1 and
// 6.12 trees, reviewed against 6.1. The review must see the era change and end with the findings
// `irqlens check` reports for those drivers on 6.12. Skipped with IRQLENS_SKIP_REALTREE=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { checkPaths } from '../../src/engine/check-paths';
import type { Finding } from '../../src/vocabulary/finding';
import { defaultEngine } from '../../src/review/default-engine';
import { reviewSeries } from '../../src/review/review';
import { parsePatchText } from '../../src/review/series';
import { requireTree, skipRealTrees } from './kernel-trees';
import { treeDiff } from './tree-diff';

const skip = skipRealTrees;
const old = skip ? '' : requireTree('6.1');
const neu = skip ? '' : requireTree('6.12');

const core = [
  'kernel/irq/msi.c',
  'include/linux/msi.h',
  'include/linux/msi_api.h',
  'include/linux/pci.h',
  'drivers/pci/msi/api.c',
  'drivers/pci/msi/irqdomain.c',
  'drivers/pci/msi/legacy.c',
  'drivers/pci/msi/msi.c',
  'drivers/pci/msi/msi.h',
  'drivers/pci/msi/pcidev_msi.c',
];
/**
 * Drivers whose MSI calls changed between the trees (PCI_IRQ_LEGACY -> PCI_IRQ_INTX, platform MSI,
 * reworked vector set-up). Several, so that the comparison does not hinge on one driver's findings.
 */
const drivers = [
  'drivers/ntb/hw/idt/ntb_hw_idt.c',
  'drivers/scsi/arcmsr/arcmsr_hba.c',
  'drivers/net/ethernet/atheros/alx/main.c',
  'drivers/dma/mv_xor_v2.c',
  'drivers/misc/vmw_vmci/vmci_guest.c',
  'drivers/net/ethernet/aquantia/atlantic/aq_pci_func.c',
  'drivers/net/can/ctucanfd/ctucanfd_pci.c',
  'drivers/scsi/ipr.c',
];

const diffOf = (path: string): string => treeDiff(old, neu, path);

const key = (f: Finding) => `${f.file}:${f.range.line}:${f.range.column} ${f.severity} ${f.code} ${f.message}`;

test('6.1 -> 6.12 diffs: era change detected, findings equal `check` on 6.12 for the patched drivers', { skip, timeout: 600_000 }, async () => {
  const diffs = [...core, ...drivers].map(diffOf);
  const patches = await parsePatchText(diffs.join(''), '6.1-to-6.12.diff');
  assert.equal(patches.length, 1);
  assert.equal(patches[0].files.length, diffs.filter((d) => d !== '').length);
  assert.deepEqual(
    patches[0].files.filter((f) => f.change === 'added').map((f) => f.newPath),
    ['include/linux/msi_api.h', 'drivers/pci/msi/api.c'],
  );
  const engine = defaultEngine({ check: { layout: 'auto', speculative: true }, jobs: 2 });
  const result = await reviewSeries({ tree: '.', cwd: old, patches, engine });
  const review = result.patches[0];
  assert.deepEqual(review.problems, []);
  assert.equal(review.eraBefore.era, 'xarray');
  assert.equal(review.eraAfter.era, 'per-domain');
  assert.equal(review.eraAfter.maxDeviceIrqDomains, 1);
  const after = result.cumulative.findings
    .filter((f) => f.kind !== 'fixed' && drivers.includes(f.finding.file))
    .map((f) => key(f.finding))
    .sort();
  const check = await checkPaths([...new Set(drivers.map(dirname))], { cwd: neu, layout: 'auto', speculative: true, jobs: 2 });
  const expected = check.findings
    .filter((f) => drivers.includes(f.file))
    .map(key)
    .sort();
  assert.ok(expected.length > 0, 'check finds nothing in the drivers: the comparison would prove nothing');
  assert.deepEqual(after, expected);
});
