// msi-semantics §5 scenarios at the store level: the kernel outcome each operation must predict.
// (Scenarios whose verdict depends on source correlation — loop bounds tied to a returned count —
// are the check layer's; here the store answers for the values the replay hands it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import {
  apply,
  createStore,
  describeDevice,
  exact,
  between,
  fork,
  join,
  leftAtDetach,
  setCaps,
  type StoreConfig,
  type StoreState,
  type PciIrqFlag,
} from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const pdev = 'pdev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);
const ALL: PciIrqFlag[] = ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_INTX'];
const s612 = (): StoreState => createStore({ layout: 'per-domain', tree: '6.12' });
const vectors = (s: StoreState, line: number, min: number, max: number, flags: PciIrqFlag[]) =>
  apply(s, { op: 'pci-alloc-vectors', device: pdev, site: site(line), min: exact(min), max: exact(max), flags });
const vec = (s: StoreState, line: number, lo: number, hi: number) => apply(s, { op: 'pci-irq-vector', device: pdev, site: site(line), nr: between(lo, hi) });

test('§5 scenario 1: nr below the minimum count resolves in MSI-X mode', () => {
  const s = s612();
  vectors(s, 1, 2, 16, ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI']);
  assert.deepEqual([vec(s, 2, 0, 1).status, vec(s, 2, 0, 1).returns], ['ok', exact(1)]);
});

test('§5 scenario 2: a loop to max_vecs is a possible -EINVAL (depends on n)', () => {
  const s = s612();
  vectors(s, 1, 1, 16, ['PCI_IRQ_MSIX']);
  const o = vec(s, 3, 0, 15);
  assert.deepEqual([o.status, o.errno, codes(o)], ['possible-error', '-EINVAL', ['msi/vector-unallocated:possible']]);
});

test('§5 scenario 3: index max_vecs is never allocated in any mode', () => {
  const s = s612();
  vectors(s, 1, 1, 8, ALL);
  const o = vec(s, 3, 8, 8);
  assert.deepEqual([o.status, codes(o)], ['error', ['msi/vector-unallocated:definite']]);
});

test('§5 scenario 5: msix_entry identity table with min < max', () => {
  const s = s612();
  const o = apply(s, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(2), max: exact(8), entries: [0, 1, 2, 3, 4, 5, 6, 7] });
  assert.deepEqual([o.status, o.returns], ['ok', between(2, 8)]);
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0..1 definite, 2..7 possible']);
});

test('§5 scenario 6: an unsorted msix_entry array is accepted (slots 2 and 7)', () => {
  const s = s612();
  const o = apply(s, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(2), max: exact(2), entries: [7, 2] });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 2 definite, 7 definite']);
});

test('§5 scenario 7: entry 40 with no known table size gives no finding', () => {
  const o = apply(s612(), { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(4), max: exact(4), entries: [0, 1, 2, 40] });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
});

test('§5 scenario 16: INTx fallback, pci_irq_vector(pdev, 0) gives dev->irq', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 0, msiCount: 0 });
  const a = vectors(s, 1, 1, 8, ALL);
  assert.deepEqual([a.returns, s.devices[pdev]!.pciModes], [exact(1), ['intx']]);
  assert.equal(vec(s, 2, 0, 0).status, 'ok');
});

test('§5 scenario 26: freeing an unchecked map is a possible WARN', () => {
  const s = s612();
  vectors(s, 1, 1, 1, ['PCI_IRQ_MSIX']);
  const o = apply(s, { op: 'pci-msix-free', device: pdev, site: site(3), index: between(-95, 2047) });
  assert.deepEqual(codes(o).includes('msi/free-unallocated:possible'), true);
});

test('§5 scenario 27: error-path free plus free in remove is clean', () => {
  const s = s612();
  vectors(s, 1, 1, 4, ALL);
  const err = fork(s);
  apply(err, { op: 'pci-disable', device: pdev, site: site(4), mode: 'all' });
  const ok = fork(s);
  const removeFree = apply(ok, { op: 'pci-disable', device: pdev, site: site(9), mode: 'all' });
  assert.deepEqual([removeFree.problems, leftAtDetach(ok, pdev), leftAtDetach(err, pdev)], [[], [], []]);
});

test('§5 scenarios 30 and 31: unmanaged vectors left at detach are a leak naming the allocation', () => {
  const s = s612();
  vectors(s, 7, 1, 8, ['PCI_IRQ_MSIX']);
  const left = leftAtDetach(s, pdev);
  assert.deepEqual(
    left.map((b) => [b.first, b.last, b.certainty, b.site.range.line]),
    [
      [0, 0, 'definite', 7],
      [1, 7, 'possible', 7],
    ],
  );
});

test('§5 scenario 39 (6.2-6.11): domid 1 is valid but without a created domain it is missing', () => {
  const s = createStore({ layout: 'per-domain', maxDeviceIrqDomains: 2 });
  const o = apply(s, { op: 'alloc-range', device: 'd', site: site(1), domain: exact(1), first: exact(0), last: exact(3) });
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/domain-missing:definite']]);
});

test('§5 scenario 41: msi_free_msi_descs on a run-time sized domain is a possible WARN', () => {
  const s = s612();
  apply(s, { op: 'create-domain', device: 'd', site: site(1), domain: exact(0), hwsize: between(1, null) });
  const o = apply(s, { op: 'free-descs', device: 'd', site: site(2) });
  assert.deepEqual(codes(o), ['msi/index-out-of-range:possible']);
});

test('§5 scenario 42: the same indices on two devices are unrelated', () => {
  const s = s612();
  vectors(s, 1, 4, 4, ['PCI_IRQ_MSIX']);
  const o = apply(s, { op: 'platform-alloc', device: 'child', site: site(2), nvec: exact(4) });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
});

const layouts: [string, StoreConfig, string, string[]][] = [
  ['per-domain 6.2-6.11', { layout: 'per-domain', maxDeviceIrqDomains: 2 }, 'ok', []],
  ['per-domain 6.12', { layout: 'per-domain', maxDeviceIrqDomains: 1 }, 'error', ['msi/domain-id-invalid:definite']],
  ['partitioned', { layout: 'partitioned' }, 'ok', []],
  ['xarray', { layout: 'xarray' }, 'error', ['msi/index-conflict:definite']],
];
for (const [name, config, status, expected] of layouts) {
  test(`§5 scenario 44 (${name}): MSI-X 0..7 then IMS with MSI_ANY_INDEX`, () => {
    const s = createStore(config);
    vectors(s, 1, 8, 8, ['PCI_IRQ_MSIX']);
    apply(s, { op: 'ims-create', device: pdev, site: site(2), hwsize: exact(0) });
    const o = apply(s, { op: 'ims-alloc', device: pdev, site: site(3) });
    assert.deepEqual([o.status, codes(o)], [status, expected]);
    if (config.layout === 'xarray') assert.deepEqual([o.errno, o.collisions[0]!.first, o.collisions[0]!.owner.range.line], ['-EBUSY', 0, 1]);
    if (config.layout === 'partitioned') assert.deepEqual(o.returns, exact(0));
  });
}

test('§5 scenario 45 (per-domain): a range past hwsize is index-out-of-range, not crossing', () => {
  const s = s612();
  apply(s, { op: 'create-domain', device: 'd', site: site(1), domain: exact(0), hwsize: exact(0) });
  const o = apply(s, { op: 'alloc-range', device: 'd', site: site(2), domain: exact(0), first: exact(0xfff0), last: exact(0x1000f) });
  assert.deepEqual([o.errno, o.warn, codes(o)], ['-EINVAL', true, ['msi/index-out-of-range:definite']]);
});

test('§5 scenario 12 with a join: either prior mode still owns index 0', () => {
  const s = s612();
  const a = fork(s);
  vectors(a, 1, 1, 8, ['PCI_IRQ_MSIX']);
  const b = fork(s);
  vectors(b, 2, 1, 8, ['PCI_IRQ_MSI']);
  const j = join(a, b);
  const o = vectors(j, 3, 1, 8, ALL);
  assert.deepEqual([o.status, o.returns], ['ok', exact(1)]);
  assert.equal(
    codes(o).every((c) => c.startsWith('msi/index-conflict') || c.startsWith('msi/msi-msix-exclusive')),
    true,
  );
});
