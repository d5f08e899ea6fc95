// Forking and joining branch states, snapshots for the simulation and map, determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import {
  apply,
  createStore,
  describeDevice,
  describeOp,
  exact,
  fork,
  join,
  joinAll,
  leftAtDetach,
  toDomainStates,
  toDomainMaps,
  type StoreOp,
  type StoreState,
} from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const pdev = 'pdev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);
const s612 = (): StoreState => createStore({ layout: 'per-domain', tree: '6.12' });
const msix = (line: number, n: number): StoreOp => ({
  op: 'pci-alloc-vectors',
  device: pdev,
  site: site(line),
  min: exact(n),
  max: exact(n),
  flags: ['PCI_IRQ_MSIX'],
});

test('fork: a branch copy does not change the original', () => {
  const s = s612();
  const b = fork(s);
  apply(b, msix(1, 4));
  assert.deepEqual(s.devices, {});
  assert.deepEqual(describeDevice(b, pdev), ['domain 0 (hwsize run time, msix): 0..3 definite']);
});

test('join: an allocation on one branch only becomes possible', () => {
  const s = s612();
  const then = fork(s);
  apply(then, msix(2, 4));
  const j = join(then, s);
  assert.deepEqual(describeDevice(j, pdev), ['domain 0 (hwsize run time, maybe created): 0..3 possible']);
  assert.deepEqual(j.devices[pdev]!.pciModes, ['msix', 'none']);
});

test('join: the same allocation before a branch stays definite on both sides', () => {
  const s = s612();
  apply(s, msix(1, 4));
  const a = fork(s);
  const b = fork(s);
  apply(b, { op: 'pci-irq-vector', device: pdev, site: site(3), nr: exact(0) });
  assert.deepEqual(describeDevice(join(a, b), pdev), ['domain 0 (hwsize run time, msix): 0..3 definite']);
});

test('join: MSI-X on one branch and MSI on the other never conflict with each other (§5 scenario 13)', () => {
  const s = s612();
  const a = fork(s);
  const b = fork(s);
  const ra = apply(a, { op: 'pci-enable-msix', device: pdev, site: site(2), min: exact(1), max: exact(4), entries: null });
  const rb = apply(b, { op: 'pci-enable-msi', device: pdev, site: site(4), min: exact(1), max: exact(1) });
  assert.deepEqual([ra.problems, rb.problems], [[], []]);
  const j = join(a, b);
  assert.deepEqual(j.devices[pdev]!.pciModes, ['msi', 'msix']);
  const later = apply(j, { op: 'pci-enable-msi', device: pdev, site: site(6), min: exact(1), max: exact(1) });
  assert.deepEqual(codes(later), ['msi/msi-msix-exclusive:possible', 'msi/index-conflict:possible']);
});

test('join: a free on one branch leaves the allocation possible at detach', () => {
  const s = s612();
  apply(s, msix(1, 2));
  const freed = fork(s);
  apply(freed, { op: 'pci-disable', device: pdev, site: site(3), mode: 'all' });
  const j = join(s, freed);
  assert.deepEqual(
    leftAtDetach(j, pdev).map((b) => [b.first, b.last, b.certainty]),
    [[0, 1, 'possible']],
  );
});

test('joinAll: three switch cases, an index only some cases allocate is possible', () => {
  const s = s612();
  apply(s, { op: 'create-domain', device: 'd', site: site(1), domain: exact(0), hwsize: exact(16) });
  apply(s, { op: 'alloc-range', device: 'd', site: site(2), domain: exact(0), first: exact(0), last: exact(0) });
  const cases = [0, 1, 2].map((k) => {
    const c = fork(s);
    if (k < 2) apply(c, { op: 'alloc-range', device: 'd', site: site(5 + k), domain: exact(0), first: exact(1), last: exact(2) });
    return c;
  });
  assert.deepEqual(describeDevice(joinAll(cases), 'd'), ['domain 0 (hwsize 16): 0 definite, 1..2 possible, 1..2 possible']);
  const o = apply(joinAll(cases), { op: 'alloc-at', device: 'd', site: site(9), domain: exact(0), index: exact(2) });
  assert.deepEqual([o.status, o.collisions.map((c) => c.owner.range.line)], ['possible-error', [5, 6]]);
});

test('join: a domain created on one branch only is "maybe": allocation gives a possible domain-missing', () => {
  const s = s612();
  const made = fork(s);
  apply(made, { op: 'create-domain', device: 'd', site: site(1), domain: exact(0), hwsize: exact(8) });
  const j = join(made, s);
  const o = apply(j, { op: 'alloc-range', device: 'd', site: site(2), domain: exact(0), first: exact(0), last: exact(1) });
  assert.deepEqual([o.status, codes(o)], ['possible-error', ['msi/domain-missing:possible']]);
});

test('toDomainStates / toDomainMaps: plain snapshot data', () => {
  const s = s612();
  apply(s, { op: 'pci-alloc-vectors', device: pdev, site: site(1), min: exact(2), max: exact(4), flags: ['PCI_IRQ_MSIX'] });
  assert.deepEqual(toDomainStates(s, pdev), [
    {
      domain: 0,
      hwsize: null,
      occupied: [
        { first: 0, last: 1, certainty: 'definite', site: site(1) },
        { first: 2, last: 3, certainty: 'possible', site: site(1) },
      ],
      mode: 'msix',
    },
  ]);
  const map = toDomainMaps(s, pdev, { MSI_DEFAULT_DOMAIN: 0 });
  assert.deepEqual(
    [map[0]!.name, map[0]!.base, map[0]!.hwsizeSource, map[0]!.allocations[0]!.label],
    ['MSI_DEFAULT_DOMAIN', 0, 'MSI-X table size (pci_msix_vec_count)', 'pci_alloc_irq_vectors(2, 4, PCI_IRQ_MSIX)'],
  );
  assert.deepEqual(toDomainStates(s, 'nobody'), []);
});

test('the model is deterministic and its state is JSON data', () => {
  const run = (): { s: StoreState; outs: unknown[] } => {
    const s = s612();
    const outs = [msix(1, 4), { op: 'pci-msix-alloc-at', device: pdev, site: site(2), index: 'any', guarded: true } as StoreOp, msix(3, 2)].map((op) =>
      apply(s, op),
    );
    return { s, outs };
  };
  const a = run();
  const b = run();
  assert.deepEqual(a, b);
  assert.deepEqual(JSON.parse(JSON.stringify(a.s)), a.s);
});

test('describeOp: one line per operation for simulation steps', () => {
  assert.equal(describeOp(msix(1, 8)), 'allocate 8 vectors (PCI_IRQ_MSIX)');
  assert.equal(describeOp({ op: 'alloc-at', device: 'd', site: site(1), domain: exact(0), index: 'any' }), 'allocate MSI_ANY_INDEX in domain 0');
  assert.equal(
    describeOp({ op: 'pci-enable-msix', device: 'd', site: site(1), min: exact(3), max: exact(3), entries: [0, 4, 9] }),
    'enable MSI-X with 3 vectors at slots 0, 4, 9',
  );
  assert.equal(describeOp({ op: 'pci-disable', device: 'd', site: site(1), mode: 'all' }), 'free all PCI vectors (pci_free_irq_vectors)');
});
