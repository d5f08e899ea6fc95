// The 7.x core in the store (docs/allocator-model.md "The 7.x core"): the PCI/MSI domain sized by
// the vector count, device domains prepared at creation, fsl-mc through a device domain, and the
// citations a 7.x tree inherits from 6.12 (each checked against the real 7.3 tree when present).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, describeDevice, exact, setCaps, type StoreState } from '../../src/model/store';
import { cite, inheritedBy7x } from '../../src/model/store/cite';
import { ittEvents } from '../../src/model/iommu/index';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const s7 = (): StoreState => createStore({ layout: 'per-domain', tree: '7.x' });
const s612 = (): StoreState => createStore({ layout: 'per-domain', tree: '6.12' });
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);
const fns = (o: { citations: { tree: string; file: string; fn: string }[] }): string[] => o.citations.map((c) => `${c.tree} ${c.file}:${c.fn}`);

function msi(s: StoreState, min: number, max: number) {
  return apply(s, { op: 'pci-alloc-vectors', device: 'pdev', site: site(1), min: exact(min), max: exact(max), flags: ['PCI_IRQ_MSI'] });
}
const range = (s: StoreState, first: number, last: number) =>
  apply(s, { op: 'alloc-range', device: 'pdev', site: site(2), domain: exact(0), first: exact(first), last: exact(last) });

test('7.x PCI/MSI domain: hwsize is the MSI vector count (6.12: 1), cited from __pci_enable_msi_range', () => {
  const s = s7();
  setCaps(s, 'pdev', { msiCount: 8, multiMsi: true });
  const o = msi(s, 1, 4);
  assert.equal(o.status, 'ok');
  assert.ok(fns(o).includes('7.x drivers/pci/msi/msi.c:__pci_enable_msi_range'));
  assert.deepEqual(describeDevice(s, 'pdev'), ['domain 0 (hwsize 8, msi): 0 definite']);
  const old = s612();
  setCaps(old, 'pdev', { msiCount: 8, multiMsi: true });
  msi(old, 1, 4);
  assert.deepEqual(describeDevice(old, 'pdev'), ['domain 0 (hwsize 1, msi): 0 definite']);
});

test('7.x: a core range over the MSI vectors fits the domain; 6.12 rejects it (hwsize 1); an unknown count says nothing', () => {
  const s = s7();
  setCaps(s, 'pdev', { msiCount: 4, multiMsi: true });
  msi(s, 1, 4);
  const fits = range(s, 0, 3);
  assert.deepEqual([fits.status, codes(fits)], ['no-op', []]); // no simple descriptors: nothing to insert
  assert.deepEqual(codes(range(s, 0, 4)), ['msi/index-out-of-range:definite']);
  const old = s612();
  setCaps(old, 'pdev', { msiCount: 4, multiMsi: true });
  msi(old, 1, 4);
  assert.deepEqual(codes(range(old, 0, 3)), ['msi/index-out-of-range:definite']);
  const unknown = s7();
  setCaps(unknown, 'pdev', { multiMsi: true });
  msi(unknown, 1, 4);
  assert.deepEqual(codes(range(unknown, 0, 7)), []);
});

test('7.x msi_create_device_irq_domain: prepared at creation (cited with populate_alloc_info), same store', () => {
  const o = apply(s7(), { op: 'create-domain', device: 'dev', site: site(3), domain: exact(0), hwsize: exact(8) });
  assert.deepEqual(fns(o), ['7.x kernel/irq/msi.c:msi_create_device_irq_domain', '7.x kernel/irq/msi.c:populate_alloc_info']);
  assert.match(o.note, /msi_prepare ran for hwsize 8 vectors at creation/);
  const old = apply(s612(), { op: 'create-domain', device: 'dev', site: site(3), domain: exact(0), hwsize: exact(8) });
  assert.deepEqual(fns(old), ['6.12 kernel/irq/msi.c:msi_create_device_irq_domain']);
});

test('7.x fsl-mc: a device domain of irq_count; after a free the domain stays and a second allocation fails', () => {
  const s = s7();
  const dev = 'mc';
  const alloc = (line: number, n: number) => apply(s, { op: 'fsl-mc-alloc', device: dev, site: site(line), count: exact(n) });
  assert.equal(alloc(1, 4).status, 'ok');
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 4): 0..3 definite']);
  apply(s, { op: 'fsl-mc-free', device: dev, site: site(2) });
  const again = alloc(3, 8);
  assert.deepEqual([again.status, again.errno, codes(again)], ['error', '-ENODEV', ['msi/index-conflict:definite']]);
  const old = s612();
  apply(old, { op: 'fsl-mc-alloc', device: dev, site: site(1), count: exact(4) });
  apply(old, { op: 'fsl-mc-free', device: dev, site: site(2) });
  assert.equal(apply(old, { op: 'fsl-mc-alloc', device: dev, site: site(3), count: exact(8) }).status, 'ok');
});

test('platform MSI with a run-time nvec of at least 1: 0..nvec-1 fits the domain made with hwsize nvec', () => {
  const o = apply(s7(), { op: 'platform-alloc', device: 'dev', site: site(1), nvec: { min: 1, max: null } });
  assert.deepEqual(codes(o), []);
  // A count the model cannot bound is read as the driver's count of at least 1: 0..nvec-1 still fits
  // (nvec 0 gives last = UINT_MAX; reported as range-inverted when it is certain, below).
  const maybeZero = apply(s7(), { op: 'platform-alloc', device: 'dev', site: site(1), nvec: { min: 0, max: null } });
  assert.deepEqual(codes(maybeZero), []);
  const zero = apply(s7(), { op: 'platform-alloc', device: 'dev', site: site(1), nvec: { min: 0, max: 0 } });
  assert.deepEqual(codes(zero), ['msi/range-inverted:definite']);
});

test('ITS ITT in 7.x: sized once by the domain hwsize, whatever the allocation asks', () => {
  assert.equal(ittEvents({ nvec: 2, hwsize: 16, aliasCount: 0, deviceId: 0x300, era: '7.x' }), 16);
  assert.equal(ittEvents({ nvec: 24, aliasCount: 0, deviceId: 0x300, era: '7.x' }), 32);
  assert.equal(ittEvents({ nvec: 2, hwsize: 1, aliasCount: 0, deviceId: 0x300, era: '6.12' }), 2);
});

test('a 7.x citation without its own row names the 6.12 function; its own row wins', () => {
  assert.deepEqual(cite('insert', '7.x'), { tree: '7.x', file: 'kernel/irq/msi.c', fn: 'msi_insert_desc' });
  assert.deepEqual(cite('msiDomainHwsize', '7.x'), { tree: '7.x', file: 'drivers/pci/msi/msi.c', fn: '__pci_enable_msi_range' });
  assert.deepEqual(cite('prepareAtCreation', '6.12'), { tree: '7.x', file: 'kernel/irq/msi.c', fn: 'msi_create_device_irq_domain' });
});

test('every 6.12 citation a 7.x tree inherits names a function the 7.3 tree still defines in that file', (t) => {
  const root = join(process.env['KERNEL_SRC_DIR'] || process.env['IRQLENS_KERNEL_SRC'] || join(homedir(), '.cache', 'kernel-src'), 'linux-source-7.3');
  if (!existsSync(join(root, 'kernel', 'irq', 'msi.c'))) return t.skip('linux-source-7.3 not found under KERNEL_SRC_DIR (scripts/get-kernel.sh 7.3): skipped');
  const missing = inheritedBy7x().filter((c) => {
    const [file, fn] = [c.slice(0, c.lastIndexOf(':')), c.slice(c.lastIndexOf(':') + 1)];
    const text = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '';
    return !new RegExp(String.raw`(?:^|[^\w])${fn}\s*\(`, 'm').test(text);
  });
  assert.deepEqual(missing, []);
});
