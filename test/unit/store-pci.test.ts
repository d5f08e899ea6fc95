// PCI MSI / MSI-X against 6.12 drivers/pci/msi/{api,msi,irqdomain}.c and their 6.1 counterparts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, describeDevice, exact, between, setCaps, leftAtDetach, type StoreState, type PciIrqFlag } from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const pdev = 'pdev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);
const ALL: PciIrqFlag[] = ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_INTX'];

function vectors(s: StoreState, line: number, min: number, max: number | null, flags: PciIrqFlag[]) {
  return apply(s, { op: 'pci-alloc-vectors', device: pdev, site: site(line), min: exact(min), max: max === null ? { min: 1, max: null } : exact(max), flags });
}
const s612 = (): StoreState => createStore({ layout: 'per-domain', tree: '6.12' });
const s61 = (): StoreState => createStore({ layout: 'xarray', tree: '6.1' });

test('6.12 pci_alloc_irq_vectors: MSI-X (2, 8) owns slots 0..1 definitely, 2..7 possibly', () => {
  const s = s612();
  const o = vectors(s, 1, 2, 8, ['PCI_IRQ_MSIX']);
  assert.deepEqual([o.status, o.returns, o.problems], ['ok', between(2, 8), []]);
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0..1 definite, 2..7 possible']);
  assert.equal(s.devices[pdev]!.domains[0]!.kind, 'pci-msix');
});

test('6.12 __pci_enable_msix_range: maxvec < minvec gives -ERANGE', () => {
  const o = vectors(s612(), 1, 8, 4, ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI']);
  assert.deepEqual([o.status, o.errno], ['error', '-ERANGE']);
  assert.deepEqual(codes(o), ['msi/range-inverted:definite']);
});

test('6.12 __pci_enable_msix_range: MSI enabled gives -EINVAL (exclusive)', () => {
  const s = s612();
  apply(s, { op: 'pci-enable-msi', device: pdev, site: site(1), min: exact(1), max: exact(1) });
  const o = vectors(s, 2, 4, 4, ['PCI_IRQ_MSIX']);
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/msi-msix-exclusive:definite']]);
});

test('6.12 __pci_enable_msi_range: MSI-X enabled gives -EINVAL (exclusive)', () => {
  const s = s612();
  vectors(s, 1, 8, 8, ['PCI_IRQ_MSIX']);
  const o = apply(s, { op: 'pci-enable-msi', device: pdev, site: site(2), min: exact(1), max: exact(1) });
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/msi-msix-exclusive:definite']]);
});

test('6.12 __pci_enable_msix_range: MSI-X already enabled WARNs, -EINVAL, slots still owned', () => {
  const s = s612();
  vectors(s, 1, 4, 4, ['PCI_IRQ_MSIX']);
  const o = apply(s, { op: 'pci-enable-msix', device: pdev, site: site(2), min: exact(2), max: exact(2), entries: null });
  assert.deepEqual([o.errno, o.warn, codes(o)], ['-EINVAL', true, ['msi/index-conflict:definite']]);
  assert.deepEqual(o.collisions, [{ domain: 0, first: 0, last: 3, certainty: 'definite', owner: site(1) }]);
});

test('6.12 __pci_enable_msi_range: MSI already enabled WARNs and gives -EINVAL', () => {
  const s = s612();
  apply(s, { op: 'pci-enable-msi', device: pdev, site: site(1), min: exact(1), max: exact(1) });
  const o = apply(s, { op: 'pci-enable-msi', device: pdev, site: site(2), min: exact(1), max: exact(1) });
  assert.deepEqual([o.errno, o.warn], ['-EINVAL', true]);
});

test('6.12 pci_msix_validate_entries: duplicate entries give -EINVAL', () => {
  const o = apply(s612(), { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(3), max: exact(3), entries: [0, 5, 5] });
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/index-conflict:definite']]);
  assert.equal(
    o.citations.some((c) => c.fn === 'pci_msix_validate_entries'),
    true,
  );
});

test('6.12 msix_setup_msi_descs: sparse msix_entry slots are the store indices', () => {
  const s = s612();
  apply(s, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(3), max: exact(3), entries: [0, 4, 9] });
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0 definite, 4 definite, 9 definite']);
  const v9 = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(2), nr: exact(9) });
  const v1 = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(3), nr: exact(1) });
  assert.deepEqual([v9.status, v1.errno, codes(v1)], ['ok', '-EINVAL', ['msi/vector-unallocated:definite']]);
});

test('6.12 msix_setup_msi_descs: an entry >= the table size gives -ERANGE on a per-device domain', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 32 });
  const o = apply(s, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(4), max: exact(4), entries: [0, 1, 2, 40] });
  assert.deepEqual([o.errno, codes(o)], ['-ERANGE', ['msi/msix-table-overflow:definite']]);
  assert.deepEqual(s.devices[pdev]!.pciModes, ['none']);
  assert.deepEqual(s.devices[pdev]!.domains[0]!.blocks, []);
});

test('6.12 msix_setup_msi_descs: with a global domain the entry beyond the table is accepted (virtual)', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 32, perDeviceDomain: false });
  const o = apply(s, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(4), max: exact(4), entries: [0, 1, 2, 40] });
  assert.equal(o.status, 'ok');
});

test('6.1 __pci_enable_msix: an entry >= the table size gives -EINVAL', () => {
  const s = s61();
  setCaps(s, pdev, { msixTableSize: 32 });
  const o = apply(s, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(4), max: exact(4), entries: [0, 1, 2, 40] });
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/msix-table-overflow:definite']]);
});

test('6.12 __pci_enable_msix_range: a table smaller than minvec gives -ENOSPC; unknown table: no finding', () => {
  const known = s612();
  setCaps(known, pdev, { msixTableSize: 16 });
  const o = apply(known, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(64), max: exact(64), entries: null });
  assert.deepEqual([o.errno, codes(o)], ['-ENOSPC', ['msi/msix-table-overflow:definite']]);
  const unknownTable = apply(s612(), { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(64), max: exact(64), entries: null });
  assert.deepEqual([unknownTable.status, unknownTable.problems], ['ok', []]);
});

test('6.12 __pci_enable_msix_range: maxvec above the table is clamped, no finding', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 16 });
  const o = vectors(s, 1, 1, 64, ['PCI_IRQ_MSIX']);
  assert.deepEqual([o.status, o.returns, o.problems], ['ok', between(1, 16), []]);
  assert.equal(s.devices[pdev]!.domains[0]!.hwsize, 16);
});

test('6.12 __pci_enable_msi_range: minvec > 32 gives -ENOSPC; min <= 32 < max is clamped', () => {
  const o = vectors(s612(), 1, 64, 64, ['PCI_IRQ_MSI']);
  assert.deepEqual([o.errno, codes(o)], ['-ENOSPC', ['msi/multi-msi-limit:definite']]);
  const c = vectors(s612(), 1, 1, 64, ['PCI_IRQ_MSI']);
  assert.deepEqual([c.status, c.returns, c.problems], ['ok', between(1, 32), []]);
});

test('6.12 msi_capability_init: multi-MSI depends on the platform (possible), fails without MULTI_PCI_MSI', () => {
  const o = vectors(s612(), 1, 4, 4, ['PCI_IRQ_MSI']);
  assert.deepEqual([o.status, codes(o)], ['possible-error', ['msi/multi-msi-limit:possible']]);
  const s = s612();
  setCaps(s, pdev, { multiMsi: false });
  const f = vectors(s, 1, 4, 4, ['PCI_IRQ_MSI']);
  assert.deepEqual([f.errno, codes(f)], ['-ENOSPC', ['msi/multi-msi-limit:definite']]);
});

test('6.12 msi_setup_msi_desc: multi-MSI is one descriptor at index 0 with nvec_used; nr < n resolves', () => {
  const s = s612();
  vectors(s, 1, 1, 8, ['PCI_IRQ_MSI']);
  const blocks = s.devices[pdev]!.domains[0]!.blocks;
  assert.deepEqual(
    blocks.map((b) => [b.first, b.last, b.mode, b.nvecUsed]),
    [[0, 0, 'msi', between(1, 8)]],
  );
  assert.equal(s.devices[pdev]!.domains[0]!.hwsize, 1);
  const ok = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(2), nr: exact(0) });
  const maybe = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(3), nr: exact(5) });
  const never = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(4), nr: exact(8) });
  assert.deepEqual([ok.status, maybe.status, never.status], ['ok', 'possible-error', 'error']);
});

test('6.12 pci_alloc_irq_vectors: max_vecs UINT_MAX becomes -1, -ERANGE twice, then 1 on INTx', () => {
  const o = apply(s612(), { op: 'pci-alloc-vectors', device: pdev, site: site(1), min: exact(1), max: exact(0xffffffff), flags: ALL });
  assert.deepEqual([o.status, o.returns], ['ok', exact(1)]);
  assert.deepEqual(codes(o), ['msi/range-inverted:definite']);
});

test('6.12 pci_alloc_irq_vectors: min != 1 never falls back to INTx; the last errno is returned', () => {
  const o = vectors(s612(), 1, 8, 4, ALL);
  assert.deepEqual([o.status, o.errno, o.returns], ['error', '-ERANGE', undefined]);
});

test('6.12 pci_alloc_irq_vectors: a second PCI_IRQ_ALL_TYPES call while MSI-X is on returns 1 via INTx (trap)', () => {
  const s = s612();
  vectors(s, 1, 1, 8, ALL);
  const o = vectors(s, 2, 1, 8, ALL);
  assert.deepEqual([o.status, o.returns, o.warn], ['ok', exact(1), true]);
  assert.deepEqual(codes(o), ['msi/index-conflict:definite']);
  assert.deepEqual(
    o.collisions.map((c) => [c.first, c.last, c.certainty]),
    [
      [0, 0, 'definite'],
      [1, 7, 'possible'],
    ],
  );
  assert.deepEqual(s.devices[pdev]!.pciModes, ['msix']);
  const v = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(3), nr: exact(0) });
  assert.equal(v.status, 'ok');
});

test('6.12 msix_capability_init: a failed MSI-X enable leaves no state, MSI fallback works', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 4 });
  const a = vectors(s, 1, 8, 8, ['PCI_IRQ_MSIX']);
  const b = vectors(s, 2, 1, 1, ['PCI_IRQ_MSI']);
  assert.deepEqual([a.errno, b.status, b.problems], ['-ENOSPC', 'ok', []]);
  assert.deepEqual(s.devices[pdev]!.pciModes, ['msi']);
});

test('6.12 pci_setup_msix_device_domain: free then MSI-X replaces the MSI domain', () => {
  const s = s612();
  vectors(s, 1, 1, 1, ['PCI_IRQ_MSI']);
  apply(s, { op: 'pci-disable', device: pdev, site: site(2), mode: 'all' });
  const o = vectors(s, 3, 4, 4, ['PCI_IRQ_MSIX']);
  assert.deepEqual([o.status, o.problems], ['ok', []]);
  assert.equal(s.devices[pdev]!.domains[0]!.kind, 'pci-msix');
});

test('6.12 pci_setup_msix_device_domain: hwsize is kept across free, a larger PCI_IRQ_VIRTUAL enable gets -ERANGE', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 4 });
  assert.equal(vectors(s, 1, 8, 8, ['PCI_IRQ_MSIX', 'PCI_IRQ_VIRTUAL']).status, 'ok');
  assert.equal(s.devices[pdev]!.domains[0]!.hwsize, 8);
  apply(s, { op: 'pci-disable', device: pdev, site: site(2), mode: 'all' });
  const o = vectors(s, 3, 16, 16, ['PCI_IRQ_MSIX', 'PCI_IRQ_VIRTUAL']);
  assert.deepEqual([o.errno, codes(o)], ['-ERANGE', ['msi/msix-table-overflow:definite']]);
});

test('6.12 pci_disable_msi: on an MSI-X device it is a no-op and the vectors stay', () => {
  const s = s612();
  vectors(s, 1, 4, 4, ['PCI_IRQ_MSIX']);
  const o = apply(s, { op: 'pci-disable', device: pdev, site: site(2), mode: 'msi' });
  assert.deepEqual([o.status, codes(o)], ['no-op', ['msi/free-unallocated:definite']]);
  assert.deepEqual(
    leftAtDetach(s, pdev).map((b) => [b.first, b.last]),
    [[0, 3]],
  );
});

test('6.12 pci_free_irq_vectors: idempotent, no problem with nothing allocated', () => {
  const s = s612();
  const o = apply(s, { op: 'pci-disable', device: pdev, site: site(1), mode: 'all' });
  assert.deepEqual([o.status, o.problems], ['no-op', []]);
});

test('6.1 pci_disable_msix: frees the whole device store, other flows included', () => {
  const s = s61();
  vectors(s, 1, 2, 2, ['PCI_IRQ_MSIX']);
  apply(s, { op: 'insert', device: pdev, site: site(2), index: exact(100) });
  apply(s, { op: 'pci-disable', device: pdev, site: site(3), mode: 'msix' });
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize 65536): empty']);
});

test('6.1 __pci_enable_msix: MSI enabled is checked after the table size, so a small table gives -ENOSPC', () => {
  const s = s61();
  setCaps(s, pdev, { msixTableSize: 2 });
  apply(s, { op: 'pci-enable-msi', device: pdev, site: site(1), min: exact(1), max: exact(1) });
  const o = vectors(s, 2, 4, 4, ['PCI_IRQ_MSIX']);
  assert.equal(o.errno, '-ENOSPC');
  const big = s61();
  apply(big, { op: 'pci-enable-msi', device: pdev, site: site(1), min: exact(1), max: exact(1) });
  assert.deepEqual(codes(vectors(big, 2, 4, 4, ['PCI_IRQ_MSIX'])), ['msi/msi-msix-exclusive:definite']);
});

test('6.12 pci_irq_vector: INTx gives dev->irq for nr 0 and -EINVAL otherwise', () => {
  const s = s612();
  const zero = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(1), nr: exact(0) });
  const one = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(2), nr: exact(1) });
  assert.deepEqual([zero.status, one.errno, codes(one)], ['ok', '-EINVAL', ['msi/vector-unallocated:definite']]);
});

test('6.12 pcim_setup_msi_release: managed at allocation time frees at detach; managed later does not', () => {
  const s = s612();
  apply(s, { op: 'pci-managed', device: pdev, site: site(1) });
  vectors(s, 2, 1, 8, ALL);
  assert.deepEqual(leftAtDetach(s, pdev), []);
  const late = s612();
  vectors(late, 1, 1, 8, ALL);
  apply(late, { op: 'pci-managed', device: pdev, site: site(2) });
  assert.deepEqual(
    leftAtDetach(late, pdev).map((b) => [b.first, b.last, b.certainty]),
    [
      [0, 0, 'definite'],
      [1, 7, 'possible'],
    ],
  );
});

test('6.12 msi_domain_get_virq via pci_irq_vector: nr > 65535 WARNs and gives -EINVAL', () => {
  const s = s612();
  vectors(s, 1, 4, 4, ['PCI_IRQ_MSIX']);
  const o = apply(s, { op: 'pci-irq-vector', device: pdev, site: site(2), nr: exact(70000) });
  assert.deepEqual([o.errno, o.warn, codes(o)], ['-EINVAL', true, ['msi/index-out-of-range:definite']]);
  const old = s61();
  vectors(old, 1, 4, 4, ['PCI_IRQ_MSIX']);
  const q = apply(old, { op: 'pci-irq-vector', device: pdev, site: site(2), nr: exact(70000) });
  assert.deepEqual([q.errno, q.warn, codes(q)], ['-EINVAL', false, ['msi/vector-unallocated:definite']]);
});

test('6.12 __pci_enable_msi_range: the device MSI count from a topology bounds the request', () => {
  const s = s612();
  setCaps(s, pdev, { msiCount: 4, multiMsi: true });
  const big = vectors(s, 1, 8, 8, ['PCI_IRQ_MSI']);
  assert.deepEqual([big.errno, codes(big)], ['-ENOSPC', ['msi/multi-msi-limit:definite']]);
  const ok = vectors(s, 2, 1, 8, ['PCI_IRQ_MSI']);
  assert.deepEqual([ok.status, ok.returns, ok.problems], ['ok', between(1, 4), []]);
});

test('6.12 msi_setup_msi_desc: 3 vectors use nvec_used 3 with the hardware programmed for 4', () => {
  const s = s612();
  setCaps(s, pdev, { msiCount: 8, multiMsi: true });
  const o = vectors(s, 1, 3, 3, ['PCI_IRQ_MSI']);
  assert.deepEqual([o.status, o.returns], ['ok', exact(3)]);
  assert.match(o.note, /nvec_used 3; the device is programmed for 4 messages/);
  assert.deepEqual(s.devices[pdev]!.domains[0]!.blocks[0]!.nvecUsed, exact(3));
});

test('6.1 __pci_enable_msix: entries are validated over the clamped nvec, 6.12 over maxvec', () => {
  const old = s61();
  setCaps(old, pdev, { msixTableSize: 2 });
  const a = apply(old, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(1), max: exact(3), entries: [0, 1, 1] });
  assert.deepEqual([a.status, a.returns], ['ok', between(1, 2)]);
  const now = s612();
  setCaps(now, pdev, { msixTableSize: 2 });
  const b = apply(now, { op: 'pci-enable-msix', device: pdev, site: site(1), min: exact(1), max: exact(3), entries: [0, 1, 1] });
  assert.deepEqual([b.errno, codes(b)], ['-EINVAL', ['msi/index-conflict:definite']]);
});
