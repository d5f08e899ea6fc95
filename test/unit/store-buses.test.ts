// Dynamic MSI-X (6.12 drivers/pci/msi/api.c), platform MSI, fsl-mc, TI SCI INTA and IMS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, describeDevice, exact, between, setCaps, unknown, type StoreState } from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const pdev = 'pdev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);
const s612 = (): StoreState => createStore({ layout: 'per-domain', tree: '6.12' });
const s61 = (): StoreState => createStore({ layout: 'xarray', tree: '6.1' });

function msix(s: StoreState, min: number, max: number): void {
  const o = apply(s, { op: 'pci-alloc-vectors', device: pdev, site: site(1), min: exact(min), max: exact(max), flags: ['PCI_IRQ_MSIX'] });
  assert.equal(o.status, 'ok');
}
const at = (s: StoreState, line: number, index: number | 'any', guarded = true) =>
  apply(s, { op: 'pci-msix-alloc-at', device: pdev, site: site(line), index: index === 'any' ? 'any' : exact(index), guarded });

test('6.12 pci_msix_alloc_irq_at: MSI-X not enabled gives -ENOTSUPP', () => {
  const o = at(s612(), 2, 'any');
  assert.deepEqual([o.status, o.errno, codes(o)], ['error', '-ENOTSUPP', ['msi/dynamic-msix-unsupported:definite']]);
});

test('6.12 pci_msix_alloc_irq_at: without pci_msix_can_alloc_dyn the platform decides (possible)', () => {
  const s = s612();
  msix(s, 1, 1);
  const o = at(s, 2, 'any', false);
  assert.deepEqual([o.status, o.returns, codes(o)], ['ok', exact(1), ['msi/dynamic-msix-unsupported:possible']]);
  const no = s612();
  setCaps(no, pdev, { dynamicMsix: false });
  msix(no, 1, 1);
  assert.deepEqual(at(no, 2, 'any').errno, '-ENOTSUPP');
});

test('6.12 pci_msix_alloc_irq_at: MSI_ANY_INDEX twice gives slots 1 and 2', () => {
  const s = s612();
  msix(s, 1, 1);
  assert.deepEqual([at(s, 2, 'any').returns, at(s, 3, 'any').returns], [exact(1), exact(2)]);
});

test('6.12 pci_msix_alloc_irq_at: an explicit index held by the initial allocation gives -EBUSY', () => {
  const s = s612();
  msix(s, 4, 4);
  const o = at(s, 2, 2);
  assert.deepEqual([o.errno, codes(o), o.collisions[0]!.owner.range.line], ['-EBUSY', ['msi/index-conflict:definite'], 1]);
  const m = s612();
  msix(m, 1, 4);
  assert.deepEqual(codes(at(m, 2, 2)), ['msi/index-conflict:possible']);
});

test('6.12 pci_msix_alloc_irq_at: index >= the MSI-X table size gives -ERANGE', () => {
  const s = s612();
  setCaps(s, pdev, { msixTableSize: 8 });
  msix(s, 2, 2);
  const o = at(s, 2, 8);
  assert.deepEqual([o.errno, codes(o)], ['-ERANGE', ['msi/msix-table-overflow:definite']]);
});

test('6.12 pci_msix_free_irq: freeing a slot makes it allocatable again', () => {
  const s = s612();
  msix(s, 1, 1);
  assert.equal(at(s, 2, 5).status, 'ok');
  const f = apply(s, { op: 'pci-msix-free', device: pdev, site: site(3), index: exact(5) });
  assert.equal(f.status, 'ok');
  assert.deepEqual([at(s, 4, 5).status, s.devices[pdev]!.pciModes], ['ok', ['msix']]);
});

test('6.12 pci_msix_free_irq: a second free is a silent no-op; a failed map WARNs', () => {
  const s = s612();
  msix(s, 1, 1);
  at(s, 2, 3);
  apply(s, { op: 'pci-msix-free', device: pdev, site: site(3), index: exact(3) });
  const again = apply(s, { op: 'pci-msix-free', device: pdev, site: site(4), index: exact(3) });
  assert.deepEqual([again.status, again.warn, codes(again)], ['no-op', false, ['msi/free-unallocated:definite']]);
  const bad = apply(s, { op: 'pci-msix-free', device: pdev, site: site(5), index: exact(-16) });
  assert.deepEqual([bad.status, bad.warn, codes(bad)], ['no-op', true, ['msi/free-unallocated:definite']]);
});

test('6.1 pci_msix_alloc_irq_at: the API does not exist', () => {
  assert.deepEqual(codes(at(s61(), 1, 'any')), ['msi/api-not-in-era:definite']);
});

test('6.12 platform_device_msi_init_and_alloc_irqs: a domain with hwsize nvec and indices 0..nvec-1', () => {
  const s = s612();
  const o = apply(s, { op: 'platform-alloc', device: 'pdev2', site: site(1), nvec: exact(4) });
  assert.equal(o.status, 'ok');
  assert.deepEqual(describeDevice(s, 'pdev2'), ['domain 0 (hwsize 4): 0..3 definite']);
});

test('6.12 msi_create_device_irq_domain: a second platform init WARNs and gives -ENODEV', () => {
  const s = s612();
  apply(s, { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4) });
  const o = apply(s, { op: 'platform-alloc', device: 'p', site: site(2), nvec: exact(4) });
  assert.deepEqual([o.errno, o.warn, codes(o)], ['-ENODEV', true, ['msi/index-conflict:definite']]);
});

test('6.12 platform_device_msi_init_and_alloc_irqs: nvec 0 WARNs with -EINVAL and leaves the domain behind', () => {
  const s = s612();
  const o = apply(s, { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(0) });
  assert.deepEqual([o.errno, o.warn, codes(o)], ['-EINVAL', true, ['msi/range-inverted:definite']]);
  assert.deepEqual(describeDevice(s, 'p'), ['domain 0 (hwsize 65536): empty']);
});

test('6.12 platform_device_msi_free_irqs_all: frees and removes the domain, a new init may resize', () => {
  const s = s612();
  apply(s, { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4) });
  apply(s, { op: 'platform-free', device: 'p', site: site(2) });
  const o = apply(s, { op: 'platform-alloc', device: 'p', site: site(3), nvec: exact(8) });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
  assert.deepEqual(describeDevice(s, 'p'), ['domain 0 (hwsize 8): 0..7 definite']);
});

test('6.12 msi_insert_desc: index past a platform domain hwsize -ERANGE, MSI_ANY_INDEX when full -EBUSY', () => {
  const s = s612();
  apply(s, { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4) });
  const a = apply(s, { op: 'alloc-at', device: 'p', site: site(2), domain: exact(0), index: exact(4) });
  const b = apply(s, { op: 'alloc-at', device: 'p', site: site(3), domain: exact(0), index: 'any' });
  assert.deepEqual([a.errno, codes(a)], ['-ERANGE', ['msi/index-out-of-range:definite']]);
  assert.deepEqual([b.errno, codes(b)], ['-EBUSY', ['msi/index-conflict:definite']]);
  const r = s612();
  apply(r, { op: 'platform-alloc', device: 'p', site: site(1), nvec: between(1, null) });
  assert.deepEqual(codes(apply(r, { op: 'alloc-at', device: 'p', site: site(2), domain: exact(0), index: exact(4) })), [
    'msi/index-out-of-range:possible',
    'msi/index-conflict:possible',
  ]);
});

test('6.1 platform_msi_domain_alloc_irqs: nvec > MAX_DEV_MSIS (2048) gives -EINVAL; a second call -EBUSY', () => {
  const big = apply(s61(), { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4096) });
  assert.deepEqual([big.errno, codes(big)], ['-EINVAL', ['msi/index-out-of-range:definite']]);
  const s = s61();
  apply(s, { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4) });
  const again = apply(s, { op: 'platform-alloc', device: 'p', site: site(2), nvec: exact(4) });
  assert.deepEqual([again.errno, codes(again)], ['-EBUSY', ['msi/index-conflict:definite']]);
  assert.equal(apply(s612(), { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4096) }).status, 'ok');
});

test('6.12 fsl_mc_msi_domain_alloc_irqs: a second call gives -EBUSY and erases 0..3 (collateral, IRQs leak)', () => {
  const s = s612();
  apply(s, { op: 'fsl-mc-alloc', device: 'mc', site: site(1), count: exact(4) });
  const o = apply(s, { op: 'fsl-mc-alloc', device: 'mc', site: site(2), count: exact(4) });
  assert.deepEqual([o.errno, o.warn], ['-EBUSY', true]);
  assert.deepEqual(
    o.erased.map((e) => [e.first, e.last, e.irqsLeaked]),
    [[0, 3, true]],
  );
  assert.match(o.note, /collateral/);
  assert.deepEqual(describeDevice(s, 'mc'), ['domain 0 (hwsize 65536): empty']);
});

test('6.1 fsl_mc_msi_domain_alloc_irqs: descriptors exist, -EINVAL and the store is untouched', () => {
  const s = s61();
  apply(s, { op: 'fsl-mc-alloc', device: 'mc', site: site(1), count: exact(4) });
  const o = apply(s, { op: 'fsl-mc-alloc', device: 'mc', site: site(2), count: exact(4) });
  assert.deepEqual([o.errno, o.erased, codes(o)], ['-EINVAL', [], ['msi/index-conflict:definite']]);
  assert.deepEqual(describeDevice(s, 'mc'), ['domain 0 (hwsize 65536): 0..3 definite']);
});

test('6.12 ti_sci_inta_msi_alloc_descs: sparse firmware ranges are the indices', () => {
  const s = s612();
  const o = apply(s, {
    op: 'ti-sci-alloc',
    device: 'inta',
    site: site(1),
    ranges: [
      { first: exact(20), count: exact(8) },
      { first: exact(100), count: exact(4) },
    ],
  });
  assert.equal(o.status, 'ok');
  assert.deepEqual(describeDevice(s, 'inta'), ['domain 0 (hwsize 65536): 20..27 definite, 100..103 definite']);
  assert.equal(apply(s, { op: 'get-virq', device: 'inta', site: site(2), index: exact(100) }).status, 'ok');
});

test('6.12 ti_sci_inta_msi_alloc_descs: an overlapping range is reported as -ENOMEM and drops everything', () => {
  const s = s612();
  const o = apply(s, {
    op: 'ti-sci-alloc',
    device: 'inta',
    site: site(1),
    ranges: [
      { first: exact(20), count: exact(8) },
      { first: exact(24), count: exact(4) },
    ],
  });
  assert.deepEqual([o.status, o.errno, codes(o)], ['error', '-ENOMEM', ['msi/index-conflict:definite']]);
  assert.deepEqual(describeDevice(s, 'inta'), ['domain 0 (hwsize 65536): empty']);
});

test('6.12 ti_sci_inta_msi_alloc_descs: run-time range starts stay opaque (no blocks assumed)', () => {
  const s = s612();
  const o = apply(s, { op: 'ti-sci-alloc', device: 'inta', site: site(1), ranges: [{ first: unknown(), count: exact(8) }] });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
  assert.match(o.note, /opaque/);
});

test('6.2-6.11 pci_ims_alloc_irq: domain 1 with its own index space, no conflict with MSI-X', () => {
  const s = createStore({ layout: 'per-domain', maxDeviceIrqDomains: 2 });
  msix(s, 8, 8);
  assert.deepEqual(apply(s, { op: 'ims-create', device: pdev, site: site(2), hwsize: exact(0) }).returns, exact(1));
  const o = apply(s, { op: 'ims-alloc', device: pdev, site: site(3) });
  assert.deepEqual([o.status, o.returns], ['ok', exact(0)]);
});

test('6.12 pci_create_ims_domain: MSI_SECONDARY_DOMAIN does not exist (domid 1 >= MAX 1)', () => {
  const s = s612();
  const o = apply(s, { op: 'ims-create', device: pdev, site: site(2), hwsize: exact(0) });
  assert.deepEqual([o.returns, codes(o)], [exact(0), ['msi/domain-id-invalid:definite']]);
});

test('6.1 platform_msi_domain_free_irqs: frees and clears the platform data, a second alloc works', () => {
  const s = s61();
  apply(s, { op: 'platform-alloc', device: 'p', site: site(1), nvec: exact(4) });
  apply(s, { op: 'platform-free', device: 'p', site: site(2) });
  const o = apply(s, { op: 'platform-alloc', device: 'p', site: site(3), nvec: exact(8) });
  assert.deepEqual([o.status, o.problems], ['ok', []]);
  assert.deepEqual(describeDevice(s, 'p'), ['domain 0 (hwsize 65536): 0..7 definite']);
});

test('6.2-6.11 pci_ims_free_irq: frees its index in domain 1 only; a failed map WARNs', () => {
  const s = createStore({ layout: 'per-domain', maxDeviceIrqDomains: 2 });
  msix(s, 2, 2);
  apply(s, { op: 'ims-create', device: pdev, site: site(2), hwsize: exact(0) });
  apply(s, { op: 'ims-alloc', device: pdev, site: site(3) });
  const f = apply(s, { op: 'ims-free', device: pdev, site: site(4), index: exact(0) });
  assert.equal(f.status, 'ok');
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0..1 definite', 'domain 1 (hwsize 65536): empty']);
  const bad = apply(s, { op: 'ims-free', device: pdev, site: site(5), index: exact(-28) });
  assert.deepEqual([bad.status, bad.warn], ['no-op', true]);
});

test('partitioned pci_ims_alloc_irq: IMS lands in window 1 (global 0x10000)', () => {
  const s = createStore({ layout: 'partitioned' });
  msix(s, 8, 8);
  apply(s, { op: 'ims-create', device: pdev, site: site(2), hwsize: exact(0) });
  const o = apply(s, { op: 'ims-alloc', device: pdev, site: site(3) });
  assert.deepEqual([o.status, o.returns], ['ok', exact(0)]);
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0..7 definite', 'domain 1 (hwsize 65536): 0 definite']);
});

test('6.12 pci_msix_free_irq: does not check msix_enabled; after a disable the slot is already free', () => {
  const s = s612();
  msix(s, 1, 1);
  at(s, 2, 3);
  apply(s, { op: 'pci-disable', device: pdev, site: site(3), mode: 'all' });
  const o = apply(s, { op: 'pci-msix-free', device: pdev, site: site(4), index: exact(3), virq: between(1, null) });
  assert.deepEqual([o.status, o.warn, codes(o)], ['no-op', false, ['msi/free-unallocated:definite']]);
});

test('6.12 pci_msix_free_irq: map.virq 0 (a map never filled) WARNs and returns', () => {
  const s = s612();
  msix(s, 2, 2);
  const o = apply(s, { op: 'pci-msix-free', device: pdev, site: site(3), index: exact(0), virq: exact(0) });
  assert.deepEqual([o.status, o.warn, codes(o)], ['no-op', true, ['msi/free-unallocated:definite']]);
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0..1 definite']);
});

test('6.12 pci_msix_free_irq: a run-time map.index frees no particular slot in the model', () => {
  const s = s612();
  msix(s, 4, 4);
  const o = apply(s, { op: 'pci-msix-free', device: pdev, site: site(3), index: between(0, null) });
  assert.equal(o.status, 'no-op');
  assert.deepEqual(describeDevice(s, pdev), ['domain 0 (hwsize run time, msix): 0..3 definite']);
});

test('6.12 pci_msix_free_irq: without MSI_FLAG_PCI_MSIX_ALLOC_DYN WARNs and returns', () => {
  const s = s612();
  setCaps(s, pdev, { dynamicMsix: false });
  msix(s, 4, 4);
  const o = apply(s, { op: 'pci-msix-free', device: pdev, site: site(3), index: exact(2) });
  assert.deepEqual([o.status, o.warn, codes(o)], ['no-op', true, ['msi/dynamic-msix-unsupported:definite']]);
});
