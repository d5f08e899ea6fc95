// The DMA-alias quirk data: the built-in table derived from 6.12 quirks.c, and the reader that
// derives it (also used on a workspace kernel tree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinQuirks, parseQuirkSource, quirksOfTree, resolveRequesterIds, useQuirks } from '../../src/model/iommu/index';
import { topo } from './iommu-helpers';
import { quirkAliasDevfns, type QuirkRow } from '../../src/model/iommu/quirk-kinds';
import { requireTree, skipRealTrees, treeVersion } from '../realtree/kernel-trees';

const countKinds = (rows: readonly { kind: string }[]) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});

test('built-in table: 141 registrations, 142 rows, counts per kind as in msi-semantics §4.3', () => {
  assert.equal(builtinQuirks.length, 142);
  assert.equal(new Set(builtinQuirks.map((q) => q.line)).size, 141);
  assert.deepEqual(countKinds(builtinQuirks), {
    FUNC0: 4,
    FUNC1: 19,
    FIXED_01_0: 2,
    BRIDGE_FLAG: 5,
    MIC3: 2,
    VCA160: 6,
    XLATE_STOP: 2,
    HWTABLE: 100,
    ALL256: 2,
  });
  assert.equal(builtinQuirks.filter((q) => q.phase === 'FINAL').length, 100);
});

test('reader: DECLARE_PCI_FIXUP_* with macros and comments, the fixed-alias table, Switchtec wrappers', () => {
  const ids =
    '#define PCI_VENDOR_ID_ACME\t0x1abc\n#define PCI_DEVICE_ID_ACME_X 0x0042\n#define PCI_VENDOR_ID_SWT 0x11f8\n#define PCI_CLASS_BRIDGE_OTHER 0x0680\n';
  const c = [
    'DECLARE_PCI_FIXUP_HEADER(PCI_VENDOR_ID_ACME, PCI_DEVICE_ID_ACME_X, quirk_dma_func1_alias);',
    'DECLARE_PCI_FIXUP_HEADER(0x1c28, /* Lite-On */',
    '\t\t\t 0x0122, /* Plextor */',
    '\t\t\t quirk_dma_func1_alias);',
    'DECLARE_PCI_FIXUP_HEADER(PCI_VENDOR_ID_ACME, 0x0001, quirk_unrelated);',
    'static const struct pci_device_id fixed_dma_alias_tbl[] = {',
    '\t{ PCI_DEVICE_SUB(PCI_VENDOR_ID_ACME, 0x0285, PCI_VENDOR_ID_ACME, 0x02bb), .driver_data = PCI_DEVFN(1, 0) },',
    '\t{ 0 }',
    '};',
    'DECLARE_PCI_FIXUP_HEADER(PCI_VENDOR_ID_ACME, 0x0285, quirk_fixed_dma_alias);',
    '#define SWITCHTEC_QUIRK(vid) \\',
    '\tDECLARE_PCI_FIXUP_CLASS_FINAL(PCI_VENDOR_ID_SWT, vid, \\',
    '\t\tPCI_CLASS_BRIDGE_OTHER, 8, quirk_switchtec_ntb_dma_alias)',
    'SWITCHTEC_QUIRK(0x8531);  /* PFX 24xG3 */',
    'DECLARE_PCI_FIXUP_HEADER(PCI_VENDOR_ID_NOPE, 0x1, quirk_dma_func0_alias);',
  ].join('\n');
  const r = parseQuirkSource(c, ids);
  assert.deepEqual(
    r.rows.map((q) => [q.vendor, q.device, q.kind, q.line]),
    [
      [0x1abc, 0x42, 'FUNC1', 1],
      [0x1c28, 0x122, 'FUNC1', 2],
      [0x1abc, 0x285, 'FIXED_01_0', 10],
      [0x11f8, 0x8531, 'HWTABLE', 14],
    ],
  );
  assert.deepEqual(r.rows[2]!.subsystem, { vendor: 0x1abc, device: 0x2bb });
  assert.equal(r.rows[3]!.classMatch, 0x0680);
  assert.deepEqual(r.problems, [{ line: 15, message: 'cannot resolve PCI_VENDOR_ID_NOPE, 0x1 for quirk_dma_func0_alias' }]);
});

test('alias devfns per kind', () => {
  assert.deepEqual(quirkAliasDevfns('FUNC0', 0x03), [0x00]);
  assert.deepEqual(quirkAliasDevfns('FUNC0', 0x00), []);
  assert.deepEqual(quirkAliasDevfns('FUNC1', 0x01), []);
  assert.deepEqual(quirkAliasDevfns('FIXED_01_0', 0x70), [0x08]);
  assert.deepEqual(quirkAliasDevfns('MIC3', 0), [0x80, 0x88, 0x93]);
  assert.equal((quirkAliasDevfns('VCA160', 0) as number[]).length, 160);
  assert.equal(quirkAliasDevfns('HWTABLE', 0), 'unknown');
});

/** A quirk row by content: what it matches and what it does, not where quirks.c has it. */
function rowContent(q: QuirkRow): string {
  const { line: _line, ...content } = q;
  return JSON.stringify(Object.entries(content).sort(([a], [b]) => (a < b ? -1 : 1)));
}

test('built-in table equals, by content, the reader run on the real 6.12 quirks.c', { skip: skipRealTrees }, (t) => {
  const tree = requireTree('6.12');
  const r = parseQuirkSource(readFileSync(join(tree, 'drivers/pci/quirks.c'), 'utf8'), readFileSync(join(tree, 'include/linux/pci_ids.h'), 'utf8'));
  assert.deepEqual(r.problems, []);
  const read = r.rows.map(rowContent);
  const builtin = builtinQuirks.map(rowContent);
  const moved = r.rows.filter(
    (q, i) => builtinQuirks[i] !== undefined && rowContent(builtinQuirks[i]!) === read[i] && builtinQuirks[i]!.line !== q.line,
  ).length;
  t.diagnostic(`linux-source-6.12 is ${treeVersion(tree)}: ${r.rows.length} rows read, ${moved} on other lines than in the built-in table`);
  for (const q of r.rows.filter((_, i) => !builtin.includes(read[i]!)))
    t.diagnostic(`changed in ${treeVersion(tree)}: quirks.c:${q.line} has a row the built-in table lacks: ${rowContent(q)}`);
  for (const q of builtinQuirks.filter((_, i) => !read.includes(builtin[i]!)))
    t.diagnostic(`changed in ${treeVersion(tree)}: the built-in row of 6.12 quirks.c:${q.line} is gone: ${rowContent(q)}`);
  assert.deepEqual(read, builtin);
});

test("a kernel tree's own quirks.c replaces the built-in table (found from a path inside it)", () => {
  const root = mkdtempSync(join(tmpdir(), 'irqlens-kernel-'));
  mkdirSync(join(root, 'drivers', 'pci'), { recursive: true });
  mkdirSync(join(root, 'include', 'linux'), { recursive: true });
  mkdirSync(join(root, 'drivers', 'net'), { recursive: true });
  writeFileSync(join(root, 'include', 'linux', 'pci_ids.h'), '#define PCI_VENDOR_ID_NEWCO 0x1e99\n');
  writeFileSync(join(root, 'drivers', 'pci', 'quirks.c'), 'DECLARE_PCI_FIXUP_HEADER(PCI_VENDOR_ID_NEWCO, 0x0007, quirk_dma_func0_alias);\n');
  const q = quirksOfTree(join(root, 'drivers', 'net'))!;
  assert.deepEqual(
    q.rows.map((r) => [r.vendor, r.device, r.kind]),
    [[0x1e99, 7, 'FUNC0']],
  );
  assert.equal(quirksOfTree(tmpdir()), undefined);
  const t = topo([
    { bdf: '02:00.2', pcie: 'endpoint', id: '1e99:0007' },
    { bdf: '03:00.3', pcie: 'endpoint', id: '1180:e832' },
  ]);
  useQuirks(t, q.rows, 'test tree');
  assert.deepEqual(resolveRequesterIds(t, '02:00.2')!.requesterIds, ['0x0202', '0x0200']);
  assert.deepEqual(resolveRequesterIds(t, '03:00.3')!.requesterIds, ['0x0303'], 'the built-in Ricoh row is not in this tree');
});
