import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/vocabulary/finding';
import { diffFindings, normaliseLine } from '../../src/review/finding-diff';
import { diffMaps } from '../../src/review/map-diff';
import type { MapSnapshot } from '../../src/vocabulary/snapshot';
import { defaultEra } from '../../src/facts/era';

function finding(file: string, line: number, code: Finding['code'] = 'msi/index-conflict', device = 'pdev'): Finding {
  return { code, severity: 'error', message: 'm', file, range: { line, column: 1, endLine: line, endColumn: 2 }, related: [], assumptions: [], device };
}

test('findings match across moved lines by code, directory, device, API and normalised text', () => {
  const before = [finding('d/a.c', 10), finding('d/a.c', 20, 'msi/leak')];
  const after = [finding('d/a.c', 14), finding('d/b.c', 30, 'msi/vector-unallocated')];
  const textB = (f: Finding) => (f.range.line === 10 ? '\tret = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);' : 'x = msi_domain_alloc_irqs(dev, 0, 1);');
  const textA = (f: Finding) =>
    f.range.line === 14 ? 'ret = pci_alloc_irq_vectors(pdev,  1, 4, PCI_IRQ_MSIX); /* moved */' : 'irq = pci_irq_vector(pdev, 9);';
  const d = diffFindings(before, after, textB, textA);
  assert.deepEqual(
    d.unchanged.map((f) => f.range.line),
    [14],
  );
  assert.deepEqual(
    d.introduced.map((f) => f.code),
    ['msi/vector-unallocated'],
  );
  assert.deepEqual(
    d.fixed.map((f) => f.code),
    ['msi/leak'],
  );
});

test('equal keys match as a multiset: one of two identical findings fixed', () => {
  const t = () => 'pci_irq_vector(pdev, 3);';
  const d = diffFindings([finding('d/a.c', 1), finding('d/a.c', 5)], [finding('d/a.c', 5)], t, t);
  assert.equal(d.unchanged.length, 1);
  assert.equal(d.fixed.length, 1);
  assert.equal(d.introduced.length, 0);
});

test('a renamed file keeps its findings unchanged', () => {
  const t = () => 'pci_irq_vector(pdev, 3);';
  const d = diffFindings([finding('old/a.c', 1)], [finding('new/a.c', 1)], t, t, (f) => f.replace('old/', 'new/'));
  assert.equal(d.unchanged.length, 1);
});

test('normaliseLine drops comments and whitespace differences, keeps words apart', () => {
  assert.equal(normaliseLine('  a =  b; // x'), 'a=b;');
  assert.equal(normaliseLine('a /* y */ = b;'), 'a=b;');
  assert.equal(normaliseLine('pci_enable_msi( pdev )'), normaliseLine('pci_enable_msi(pdev)'));
  assert.equal(normaliseLine('unsigned  int x'), 'unsigned int x');
});

function snapshot(domain: number, first: number, last: number): MapSnapshot {
  const site = { file: 'd/idxd.c', range: { line: 1, column: 1, endLine: 1, endColumn: 2 }, function: 'probe', api: 'pci_ims_alloc_irq' };
  return {
    layout: 'per-domain',
    era: defaultEra,
    partitions: [],
    devices: [
      {
        key: 'd:pdev',
        label: 'idxd',
        class: 'pci',
        files: ['d/idxd.c'],
        domains: [{ domain, hwsize: null, hwsizeSource: '', base: 0, allocations: [{ first, last, certainty: 'definite', site, label: '' }], conflicts: [] }],
      },
    ],
  };
}

test('map diff names allocations that move between domains', () => {
  assert.deepEqual(
    diffMaps(snapshot(0, 0, 0), snapshot(1, 0, 0)).map((c) => c.text),
    ['pci_ims_alloc_irq allocations of idxd (d/idxd.c) move from domain 0 index 0 to domain 1 index 0'],
  );
  assert.deepEqual(diffMaps(snapshot(0, 0, 3), snapshot(0, 0, 3)), []);
});

test('map diff names an attribution change', () => {
  const before = snapshot(0, 0, 3);
  const after = snapshot(0, 0, 3);
  before.devices[0].attribution = { owner: 'auxiliary device of 0000:3b:00.0', requesterIds: [], chain: [] };
  after.devices[0].attribution = { owner: 'PCI function 0000:3b:00.0', requesterIds: ['0x3b00'], chain: [] };
  assert.deepEqual(
    diffMaps(before, after).map((c) => c.text),
    ['MSI writes of idxd (d/idxd.c) are attributed to PCI function 0000:3b:00.0 (requester ID 0x3b00) instead of auxiliary device of 0000:3b:00.0'],
  );
});

test('an edit elsewhere on the line keeps the finding when its verdict is the same; a new index does not', () => {
  const f = (line: number, message: string): Finding => ({ ...finding('d/a.c', line, 'msi/vector-unallocated'), message });
  const before = [f(13, "pci_irq_vector() on 'pdev': index 9 has no descriptor; allocated at a.c:10")];
  const same = [f(14, "pci_irq_vector() on 'pdev': index 9 has no descriptor; allocated at a.c:11")];
  const other = [f(14, "pci_irq_vector() on 'pdev': index 10 has no descriptor; allocated at a.c:11")];
  const tb = () => '\tret = pci_irq_vector(pdev, 9);';
  const ta = () => '\terr = pci_irq_vector(pdev, 9);';
  const d = diffFindings(before, same, tb, ta);
  assert.deepEqual([d.unchanged.length, d.introduced.length, d.fixed.length], [1, 0, 0]);
  const e = diffFindings(before, other, tb, () => '\terr = pci_irq_vector(pdev, 10);');
  assert.deepEqual([e.unchanged.length, e.introduced.length, e.fixed.length], [0, 1, 1]);
});
