// The per-domain layout against 6.12 kernel/irq/msi.c: one test per error path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, describeDevice, exact, between, type StoreState } from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const dev = 'dev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);

function withDomain(hwsize: number, max = 1): StoreState {
  const s = createStore({ layout: 'per-domain', maxDeviceIrqDomains: max });
  const o = apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(0), hwsize: exact(hwsize) });
  assert.equal(o.status, 'ok');
  return s;
}

test('6.12 msi_insert_desc: index >= hwsize gives -ERANGE without WARN, store unchanged', () => {
  const s = withDomain(4);
  const o = apply(s, { op: 'insert', device: dev, site: site(2), domain: exact(0), index: exact(4) });
  assert.equal(o.status, 'error');
  assert.equal(o.errno, '-ERANGE');
  assert.equal(o.warn, false);
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 4): empty']);
  assert.deepEqual(o.citations[0], { tree: '6.12', file: 'kernel/irq/msi.c', fn: 'msi_insert_desc' });
});

test('6.12 msi_insert_desc: an occupied index gives -EBUSY naming the owner, store unchanged', () => {
  const s = withDomain(8);
  apply(s, { op: 'insert', device: dev, site: site(2), domain: exact(0), index: exact(3) });
  const o = apply(s, { op: 'insert', device: dev, site: site(3), domain: exact(0), index: exact(3) });
  assert.equal(o.errno, '-EBUSY');
  assert.equal(o.status, 'error');
  assert.deepEqual(o.collisions, [{ domain: 0, first: 3, last: 3, certainty: 'definite', owner: site(2) }]);
  assert.deepEqual(o.erased, []);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 8): 3 definite']);
});

test('6.12 msi_insert_desc: MSI_ANY_INDEX takes the lowest free index', () => {
  const s = withDomain(8);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(1) });
  apply(s, { op: 'insert', device: dev, site: site(3), domain: exact(0), index: exact(3) });
  const a = apply(s, { op: 'alloc-at', device: dev, site: site(4), domain: exact(0), index: 'any' });
  const b = apply(s, { op: 'alloc-at', device: dev, site: site(5), domain: exact(0), index: 'any' });
  assert.deepEqual([a.status, a.returns], ['ok', exact(2)]);
  assert.deepEqual(b.returns, exact(4));
});

test('6.12 msi_insert_desc: MSI_ANY_INDEX on a full domain gives -EBUSY (xa_alloc), not -ENOSPC', () => {
  const s = withDomain(2);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(1) });
  const o = apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: 'any' });
  assert.equal(o.errno, '-EBUSY');
  assert.deepEqual(codes(o), ['msi/index-conflict:definite']);
  assert.deepEqual(
    o.collisions.map((c) => [c.first, c.last]),
    [[0, 1]],
  );
});

test('6.12 msi_ctrl_valid: domid >= MSI_MAX_DEVICE_IRQDOMAINS WARNs and allocation returns -EINVAL', () => {
  const s = withDomain(8);
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(1), first: exact(0), last: exact(3) });
  assert.deepEqual([o.status, o.errno, o.warn], ['error', '-EINVAL', true]);
  assert.deepEqual(codes(o), ['msi/domain-id-invalid:definite']);
});

test('6.12 msi_ctrl_valid: an empty domain slot WARNs and allocation returns -EINVAL (domain missing)', () => {
  const s = withDomain(8, 2);
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(1), first: exact(0), last: exact(3) });
  assert.deepEqual([o.status, o.errno, o.warn], ['error', '-EINVAL', true]);
  assert.deepEqual(codes(o), ['msi/domain-missing:definite']);
});

test('6.12 msi_ctrl_valid: first > last WARNs and returns -EINVAL', () => {
  const s = withDomain(16);
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(8), last: exact(3) });
  assert.deepEqual([o.errno, o.warn], ['-EINVAL', true]);
  assert.deepEqual(codes(o), ['msi/range-inverted:definite']);
});

test('6.12 msi_domain_alloc_irqs: nirqs == 0 gives last = UINT_MAX and -EINVAL', () => {
  const s = withDomain(16);
  const o = apply(s, { op: 'alloc-count', device: dev, site: site(2), domain: exact(0), count: exact(0) });
  assert.deepEqual([o.errno, o.warn], ['-EINVAL', true]);
  assert.match(o.problems[0]!.detail, /nirqs == 0 gives last = UINT_MAX/);
});

test('6.12 msi_ctrl_valid: last >= hwsize WARNs and allocation returns -EINVAL', () => {
  const s = withDomain(4);
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(2), last: exact(5) });
  assert.deepEqual([o.errno, o.warn], ['-EINVAL', true]);
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 4): empty']);
});

test('6.12 msi_domain_add_simple_msi_descs: a conflict erases the whole requested range, earlier IRQs leak', () => {
  const s = withDomain(16);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(0), first: exact(2), last: exact(5) });
  assert.deepEqual([o.status, o.errno, o.warn], ['error', '-EBUSY', true]);
  assert.deepEqual(o.collisions, [{ domain: 0, first: 2, last: 3, certainty: 'definite', owner: site(2) }]);
  assert.deepEqual(o.erased, [{ domain: 0, first: 2, last: 3, certainty: 'definite', owner: site(2), irqsLeaked: true }]);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 16): 0..1 definite']);
});

test('6.12 __msi_domain_alloc_irq_at: an occupied explicit index gives -EBUSY and erases nothing', () => {
  const s = withDomain(16);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: exact(2) });
  assert.deepEqual([o.errno, o.erased.length], ['-EBUSY', 0]);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 16): 0..3 definite']);
});

test('6.12 __msi_domain_alloc_irq_at: index >= hwsize gives -ERANGE', () => {
  const s = withDomain(4);
  const o = apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: exact(4) });
  assert.deepEqual([o.errno, o.warn], ['-ERANGE', false]);
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
});

test('6.12 __msi_domain_alloc_irq_at: no domain gives -ENODEV without WARN', () => {
  const s = createStore({ layout: 'per-domain' });
  const o = apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: exact(0) });
  assert.deepEqual([o.status, o.errno, o.warn], ['error', '-ENODEV', false]);
  assert.deepEqual(codes(o), ['msi/domain-missing:definite']);
});

test('6.12 msi_domain_free_irqs_range: unallocated indices are a silent no-op', () => {
  const s = withDomain(16);
  const o = apply(s, { op: 'free-range', device: dev, site: site(3), domain: exact(0), first: exact(4), last: exact(5) });
  assert.deepEqual([o.status, o.warn], ['no-op', false]);
  assert.deepEqual(codes(o), ['msi/free-unallocated:definite']);
});

test('6.12 msi_domain_free_irqs_range: frees exactly the range', () => {
  const s = withDomain(16);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(7) });
  const o = apply(s, { op: 'free-range', device: dev, site: site(3), domain: exact(0), first: exact(2), last: exact(3) });
  assert.equal(o.status, 'ok');
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 16): 0..1 definite, 4..7 definite']);
});

test('6.12 msi_domain_free_irqs_all: frees the whole domain', () => {
  const s = withDomain(16);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(3) });
  apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: exact(9) });
  apply(s, { op: 'free-all', device: dev, site: site(4), domain: exact(0) });
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 16): empty']);
});

test('6.12 msi_free_msi_descs: on a hwsize-16 domain WARNs and frees nothing', () => {
  const s = withDomain(16);
  apply(s, { op: 'insert', device: dev, site: site(2), domain: exact(0), index: exact(1) });
  const o = apply(s, { op: 'free-descs', device: dev, site: site(3) });
  assert.deepEqual([o.status, o.warn], ['no-op', true]);
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 16): 1 definite']);
  assert.equal(o.citations[0]!.fn, 'msi_free_msi_descs');
});

test('6.12 msi_domain_free_descs: on a 65536 domain erases all; associated ones WARN and leak', () => {
  const s = withDomain(0);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(1) });
  apply(s, { op: 'insert', device: dev, site: site(3), domain: exact(0), index: exact(5) });
  const o = apply(s, { op: 'free-descs', device: dev, site: site(4) });
  assert.equal(o.warn, true);
  assert.deepEqual(
    o.erased.map((e) => [e.first, e.last, e.irqsLeaked]),
    [
      [0, 1, true],
      [5, 5, false],
    ],
  );
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): empty']);
});

test('6.12 msi_remove_device_irq_domain: a later free hits "domain missing" and frees nothing', () => {
  const s = withDomain(8);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(3) });
  apply(s, { op: 'remove-domain', device: dev, site: site(3), domain: exact(0) });
  const o = apply(s, { op: 'free-all', device: dev, site: site(4), domain: exact(0) });
  assert.deepEqual([o.status, o.warn], ['no-op', true]);
  assert.deepEqual(codes(o), ['msi/domain-missing:definite']);
  assert.equal(s.devices[dev]!.domains[0]!.blocks.length, 1);
});

test('6.12 __msi_create_irq_domain: hwsize 0 becomes 65536', () => {
  const s = withDomain(0);
  assert.equal(s.devices[dev]!.domains[0]!.hwsize, 65536);
});

test('6.12 __msi_create_irq_domain: hwsize > 65536 makes creation fail', () => {
  const s = createStore({ layout: 'per-domain' });
  const o = apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(0), hwsize: exact(65537) });
  assert.deepEqual([o.status, o.returns, o.warn], ['error', exact(0), false]);
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
});

test('6.12 msi_create_device_irq_domain: an occupied slot WARNs and returns false', () => {
  const s = withDomain(8);
  const o = apply(s, { op: 'create-domain', device: dev, site: site(2), domain: exact(0), hwsize: exact(4) });
  assert.deepEqual([o.returns, o.warn], [exact(0), true]);
  assert.equal(s.devices[dev]!.domains[0]!.hwsize, 8);
});

test('6.12 msi_create_device_irq_domain: domid >= MAX returns false without WARN', () => {
  const s = createStore({ layout: 'per-domain' });
  const o = apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(1), hwsize: exact(8) });
  assert.deepEqual([o.returns, o.warn], [exact(0), false]);
  assert.deepEqual(codes(o), ['msi/domain-id-invalid:definite']);
});

test('6.12 msi_domain_get_virq: a missing index returns 0', () => {
  const s = withDomain(8);
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(1) });
  const ok = apply(s, { op: 'get-virq', device: dev, site: site(3), domain: exact(0), index: exact(1) });
  const miss = apply(s, { op: 'get-virq', device: dev, site: site(4), domain: exact(0), index: exact(2) });
  assert.deepEqual(ok.returns, exact(1));
  assert.deepEqual([miss.returns, codes(miss)], [exact(0), ['msi/vector-unallocated:definite']]);
});

test('6.12 msi_domain_get_virq: index > 65535 WARNs and returns 0', () => {
  const s = withDomain(8);
  const o = apply(s, { op: 'get-virq', device: dev, site: site(3), index: exact(70000) });
  assert.deepEqual([o.returns, o.warn], [exact(0), true]);
});

test('6.12 msi_domain_insert_msi_desc: domid >= MAX is reported invalid (out-of-bounds xarray)', () => {
  const s = withDomain(8);
  const o = apply(s, { op: 'insert', device: dev, site: site(2), domain: exact(3), index: exact(0) });
  assert.equal(o.status, 'error');
  assert.deepEqual(codes(o), ['msi/domain-id-invalid:definite']);
});

test('6.12 msi_domain_alloc_irqs: a run-time count owns 0..min-1 definitely and the rest possibly', () => {
  const s = withDomain(0);
  const o = apply(s, { op: 'alloc-count', device: dev, site: site(2), domain: exact(0), count: between(2, 8) });
  assert.equal(o.status, 'ok');
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): 0..1 definite, 2..7 possible']);
  const c = apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: exact(5) });
  assert.deepEqual([c.status, c.errno, codes(c)], ['possible-error', '-EBUSY', ['msi/index-conflict:possible']]);
});

test('6.2-6.11 per-domain: the same index in two domains does not conflict', () => {
  const s = withDomain(8, 2);
  apply(s, { op: 'create-domain', device: dev, site: site(2), domain: exact(1), hwsize: exact(0) });
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(0), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(4), domain: exact(1), first: exact(0), last: exact(3) });
  assert.equal(o.status, 'ok');
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 8): 0..3 definite', 'domain 1 (hwsize 65536): 0..3 definite']);
});

test('6.12 msi_create_device_irq_domain: the occupied-slot WARN comes before the hwsize check', () => {
  const s = withDomain(8);
  const o = apply(s, { op: 'create-domain', device: dev, site: site(2), domain: exact(0), hwsize: exact(70000) });
  assert.deepEqual([o.warn, codes(o)], [true, ['msi/index-conflict:definite']]);
});

test('6.12 msi_domain_get_hwsize: after msi_remove_device_irq_domain inserts see 65536 again', () => {
  const s = withDomain(4);
  apply(s, { op: 'remove-domain', device: dev, site: site(2), domain: exact(0) });
  const o = apply(s, { op: 'insert', device: dev, site: site(3), domain: exact(0), index: exact(10) });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
});

test('apply: an unknown operation is a clear error naming it', () => {
  const s = withDomain(4);
  assert.throws(() => apply(s, JSON.parse('{"op":"bogus","device":"d"}')), { message: 'unknown store operation "bogus"' });
});

test('6.12 per-domain: a range past 65536 is index-out-of-range (partition-crossing is the partitioned layout only)', () => {
  const s = createStore({ layout: 'per-domain' });
  apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(0), hwsize: exact(0) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0xfff0), last: exact(0x1000f) });
  assert.equal(o.status, 'error');
  assert.equal(o.errno, '-EINVAL');
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
  assert.deepEqual(o.citations[0], { tree: '6.12', file: 'kernel/irq/msi.c', fn: 'msi_ctrl_valid' });
});

test('6.12 range allocation in the PCI/MSI-X device domain (no simple descriptors): nothing inserted, returns 0', () => {
  const s = createStore({ layout: 'per-domain' });
  apply(s, { op: 'pci-alloc-vectors', device: dev, site: site(1), min: exact(8), max: exact(8), flags: ['PCI_IRQ_MSIX'] });
  const before = describeDevice(s, dev);
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(4), last: exact(7) });
  assert.equal(o.status, 'no-op');
  assert.equal(o.errno, null);
  assert.deepEqual(o.returns, exact(0));
  assert.deepEqual(o.problems, []);
  assert.deepEqual(o.collisions, []);
  assert.deepEqual(o.erased, []);
  assert.deepEqual(describeDevice(s, dev), before);
});

test('6.12 range allocation in a platform device domain (simple descriptors) still collides and erases', () => {
  const s = createStore({ layout: 'per-domain' });
  apply(s, { op: 'platform-alloc', device: dev, site: site(1), nvec: exact(8) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(4), last: exact(7) });
  assert.equal(o.errno, '-EBUSY');
  assert.deepEqual(codes(o), ['msi/index-conflict:definite']);
  assert.equal(o.erased.length, 1);
});
