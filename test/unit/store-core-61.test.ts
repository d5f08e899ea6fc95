// The xarray layout against 6.1 kernel/irq/msi.c, and the list layout (≤ 5.16, a multiset).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, describeDevice, exact, between } from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const dev = 'dev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);

test('6.1 msi_insert_desc: an occupied index gives -EBUSY', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'insert', device: dev, site: site(1), index: exact(2) });
  const o = apply(s, { op: 'insert', device: dev, site: site(2), index: exact(2) });
  assert.deepEqual([o.status, o.errno, codes(o)], ['error', '-EBUSY', ['msi/index-conflict:definite']]);
  assert.deepEqual(o.citations[0], { tree: '6.1', file: 'kernel/irq/msi.c', fn: 'msi_insert_desc' });
});

test('6.1 msi_add_msi_desc: no range check, index 40000 is accepted', () => {
  const s = createStore({ layout: 'xarray' });
  const o = apply(s, { op: 'insert', device: dev, site: site(1), index: exact(40000) });
  assert.equal(o.status, 'ok');
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): 40000 definite']);
});

test('6.1 msi_add_simple_msi_descs: a conflict frees only unassociated descriptors; associated ones survive', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'alloc-count', device: dev, site: site(1), count: exact(2) }); // associated 0..1
  apply(s, { op: 'insert', device: dev, site: site(2), index: exact(3) }); // unassociated 3
  const o = apply(s, { op: 'alloc-count', device: dev, site: site(3), count: exact(4) });
  assert.deepEqual([o.status, o.errno, o.warn], ['error', '-EBUSY', false]);
  assert.deepEqual(
    o.erased.map((e) => [e.first, e.last, e.owner.range.line]),
    [[3, 3, 2]],
  );
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): 0..1 definite']);
});

test('6.1 __msi_domain_alloc_irqs: success associates every unassociated descriptor of the device', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'insert', device: dev, site: site(1), index: exact(10) });
  apply(s, { op: 'alloc-count', device: dev, site: site(2), count: exact(2) });
  const blocks = s.devices[dev]!.domains[0]!.blocks;
  assert.deepEqual(
    blocks.map((b) => [b.first, b.associated]),
    [
      [0, true],
      [10, true],
    ],
  );
});

test('6.1 xarray: domain ids do not exist, every flow shares one index space', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'alloc-count', device: dev, site: site(1), count: exact(4) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(1), first: exact(0), last: exact(0) });
  assert.deepEqual([o.errno, o.collisions[0]!.owner.range.line], ['-EBUSY', 1]);
});

test('6.1 msi_domain_free_irqs: frees the whole device store', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'alloc-count', device: dev, site: site(1), count: exact(4) });
  apply(s, { op: 'insert', device: dev, site: site(2), index: exact(100) });
  apply(s, { op: 'free-all', device: dev, site: site(3), domain: exact(1) });
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): empty']);
});

test('6.1 msi_free_msi_descs_range: erases descriptors without checking association, no WARN', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'alloc-count', device: dev, site: site(1), count: exact(4) });
  const o = apply(s, { op: 'free-descs', device: dev, site: site(2), first: exact(1), last: exact(2) });
  assert.equal(o.warn, false);
  assert.deepEqual(
    o.erased.map((e) => [e.first, e.last, e.irqsLeaked]),
    [[1, 2, true]],
  );
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): 0 definite, 3 definite']);
});

test('6.1 msi_free_msi_descs: frees everything (no hwsize gate)', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'alloc-count', device: dev, site: site(1), count: exact(4) });
  const o = apply(s, { op: 'free-descs', device: dev, site: site(2) });
  assert.deepEqual([o.status, o.warn], ['ok', false]);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): empty']);
});

test('6.1 msi_get_virq: a missing index returns 0, a descriptor-only entry too', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'insert', device: dev, site: site(1), index: exact(5) });
  const o = apply(s, { op: 'get-virq', device: dev, site: site(2), index: exact(5) });
  assert.deepEqual([o.returns, codes(o)], [exact(0), ['msi/vector-unallocated:definite']]);
});

test('6.1 msi_domain_alloc_irqs: a run-time nvec collides possibly beyond its minimum', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'insert', device: dev, site: site(1), index: exact(6) });
  const o = apply(s, { op: 'alloc-count', device: dev, site: site(2), count: between(2, 8) });
  assert.deepEqual([o.status, o.errno, codes(o)], ['possible-error', '-EBUSY', ['msi/index-conflict:possible']]);
});

test('list (≤ 5.16): the core appends duplicates, no -EBUSY', () => {
  const s = createStore({ layout: 'list' });
  apply(s, { op: 'alloc-count', device: dev, site: site(1), count: exact(4) });
  const o = apply(s, { op: 'alloc-count', device: dev, site: site(2), count: exact(4) });
  assert.deepEqual([o.status, o.errno, o.collisions.length], ['ok', null, 0]);
  assert.equal(s.devices[dev]!.domains[0]!.blocks.length, 2);
  assert.equal(
    o.citations.some((c) => c.tree === 'history'),
    true,
  );
});

test('list (≤ 5.16): the PCI front-end still rejects duplicate msix_entry values with -EINVAL', () => {
  const s = createStore({ layout: 'list' });
  const o = apply(s, { op: 'pci-enable-msix', device: dev, site: site(1), min: exact(3), max: exact(3), entries: [0, 5, 5] });
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/index-conflict:definite']]);
});

test('6.1 msi_get_virq: with MSI enabled, index < nvec_used resolves from the index-0 descriptor', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'pci-alloc-vectors', device: dev, site: site(1), min: exact(4), max: exact(4), flags: ['PCI_IRQ_MSI'] });
  const ok = apply(s, { op: 'get-virq', device: dev, site: site(2), index: exact(3) });
  const miss = apply(s, { op: 'get-virq', device: dev, site: site(3), index: exact(4) });
  assert.deepEqual([ok.returns, miss.returns, codes(miss)], [exact(1), exact(0), ['msi/vector-unallocated:definite']]);
});

test('6.1 pci_irq_vector: a loop over more slots than allocated is a sure -EINVAL', () => {
  const s = createStore({ layout: 'xarray' });
  apply(s, { op: 'pci-alloc-vectors', device: dev, site: site(1), min: exact(4), max: exact(4), flags: ['PCI_IRQ_MSIX'] });
  const o = apply(s, { op: 'pci-irq-vector', device: dev, site: site(2), nr: between(0, 7) });
  assert.deepEqual([o.status, codes(o)], ['error', ['msi/vector-unallocated:definite']]);
  assert.equal(apply(s, { op: 'pci-irq-vector', device: dev, site: site(3), nr: between(0, 3) }).status, 'ok');
});
