// The partitioned single store (msi-semantics §1.8, the 2021 proposal): windows per domain id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, describeDevice, exact, toDomainMaps, type StoreState } from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';
import type { Problem } from '../../src/model/store/types';

const site = (line: number): SourceSite => ({ file: 'drv.c', range: { line, column: 2, endLine: line, endColumn: 20 }, function: 'probe', api: 'x' });
const dev = 'dev';
/** Each problem as the rule it evidences (src/check's table) and its certainty. */
const codes = (o: { problems: Problem[] }): string[] => o.problems.map((p) => `${ruleOfKind[p.kind]}:${p.certainty}`);

function twoDomains(tree?: '6.1' | '6.12'): StoreState {
  const s = createStore({ layout: 'partitioned', ...(tree ? { tree } : {}) });
  apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(0), hwsize: exact(0) });
  apply(s, { op: 'create-domain', device: dev, site: site(2), domain: exact(1), hwsize: exact(0) });
  return s;
}

test('partitioned §1.8: the same local index in windows 0 and 1 does not conflict', () => {
  const s = twoDomains();
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(0), first: exact(0), last: exact(7) });
  const o = apply(s, { op: 'alloc-at', device: dev, site: site(4), domain: exact(1), index: 'any' });
  assert.deepEqual([o.status, o.returns], ['ok', exact(0)]);
  assert.deepEqual(
    toDomainMaps(s, dev).map((m) => [m.domain, m.base, m.name]),
    [
      [0, 0, 'MSI_DEFAULT_DOMAIN'],
      [1, 0x10000, 'MSI_SECONDARY_DOMAIN'],
    ],
  );
});

test('partitioned §1.8: a range leaving its window is rejected whole and names the neighbour window indices', () => {
  const s = twoDomains();
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(1), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(4), domain: exact(0), first: exact(0xfff0), last: exact(0x1000f) });
  assert.deepEqual([o.status, codes(o)], ['error', ['msi/partition-crossing:definite']]);
  assert.deepEqual(o.collisions, [{ domain: 1, first: 0, last: 3, certainty: 'definite', owner: site(3) }]);
  assert.match(o.problems[0]!.detail, /global 0x10000\.\.0x1000f leave the window of domain 0; it would hit occupied 0\.\.3 of domain 1/);
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): empty', 'domain 1 (hwsize 65536): 0..3 definite']);
});

test('partitioned §1.8: a domain id without a window is domain-id-invalid', () => {
  const s = twoDomains();
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(2), first: exact(0), last: exact(1) });
  assert.deepEqual(codes(o), ['msi/domain-id-invalid:definite']);
});

test('partitioned §1.8: range-inverted is checked before the window', () => {
  const s = twoDomains();
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(2), first: exact(5), last: exact(1) });
  assert.deepEqual(codes(o), ['msi/range-inverted:definite']);
});

test('partitioned §1.8: index >= hwsize inside the window is index-out-of-range, not crossing', () => {
  const s = createStore({ layout: 'partitioned' });
  apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(0), hwsize: exact(16) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(10), last: exact(20) });
  assert.deepEqual(codes(o), ['msi/index-out-of-range:definite']);
});

test('partitioned §1.8: a window missing its domain is domain-missing', () => {
  const s = createStore({ layout: 'partitioned' });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(1), first: exact(0), last: exact(0) });
  assert.deepEqual([o.errno, codes(o)], ['-EINVAL', ['msi/domain-missing:definite']]);
});

test('partitioned §1.8: a conflict inside a window erases the requested range (6.2+ rule by default)', () => {
  const s = twoDomains();
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(1), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(4), domain: exact(1), first: exact(2), last: exact(5) });
  assert.equal(o.errno, '-EBUSY');
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): empty', 'domain 1 (hwsize 65536): 0..1 definite']);
});

test('partitioned §1.8: with 6.1 semantics a conflict frees only unassociated descriptors', () => {
  const s = twoDomains('6.1');
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(1), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(4), domain: exact(1), first: exact(2), last: exact(5) });
  assert.deepEqual([o.errno, o.erased.length], ['-EBUSY', 0]);
  assert.deepEqual(describeDevice(s, dev)[1], 'domain 1 (hwsize 65536): 0..3 definite');
});

test('partitioned §1.8: whole-domain teardown clears its own window only', () => {
  const s = twoDomains();
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(0), first: exact(0), last: exact(3) });
  apply(s, { op: 'alloc-range', device: dev, site: site(4), domain: exact(1), first: exact(0), last: exact(3) });
  apply(s, { op: 'free-all', device: dev, site: site(5), domain: exact(1) });
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): 0..3 definite', 'domain 1 (hwsize 65536): empty']);
});

test('partitioned §1.8: domain-less msi_free_msi_descs applies to window 0 only', () => {
  const s = twoDomains();
  apply(s, { op: 'insert', device: dev, site: site(3), domain: exact(0), index: exact(1) });
  apply(s, { op: 'insert', device: dev, site: site(4), domain: exact(1), index: exact(1) });
  apply(s, { op: 'free-descs', device: dev, site: site(5) });
  assert.deepEqual(describeDevice(s, dev), ['domain 0 (hwsize 65536): empty', 'domain 1 (hwsize 65536): 1 definite']);
});

test('partitioned §1.8: MSI_ANY_INDEX on a full window gives -EBUSY', () => {
  const s = createStore({
    layout: 'partitioned',
    partitions: [
      { name: 'pci', domain: 0, first: 0, last: 1 },
      { name: 'ntb', domain: 1, first: 2, last: 9 },
    ],
  });
  apply(s, { op: 'create-domain', device: dev, site: site(1), domain: exact(0), hwsize: exact(0) });
  apply(s, { op: 'alloc-range', device: dev, site: site(2), domain: exact(0), first: exact(0), last: exact(1) });
  const o = apply(s, { op: 'alloc-at', device: dev, site: site(3), domain: exact(0), index: 'any' });
  assert.deepEqual([o.errno, codes(o)], ['-EBUSY', ['msi/index-conflict:definite']]);
});

test('partitioned §1.8: overlapping windows are a configuration error naming both', () => {
  assert.throws(
    () =>
      createStore({
        layout: 'partitioned',
        partitions: [
          { name: 'a', domain: 0, first: 0, last: 10 },
          { name: 'b', domain: 1, first: 5, last: 20 },
        ],
      }),
    { message: 'partitions a and b overlap' },
  );
});

test('partitioned §1.8: a run-time count that may leave the window is a possible crossing', () => {
  const s = twoDomains();
  apply(s, { op: 'alloc-range', device: dev, site: site(3), domain: exact(1), first: exact(0), last: exact(3) });
  const o = apply(s, { op: 'alloc-range', device: dev, site: site(4), domain: exact(0), first: exact(0xfff0), last: { min: 0xfff8, max: 0x10002 } });
  assert.deepEqual([o.status, codes(o)], ['possible-error', ['msi/partition-crossing:possible']]);
  assert.deepEqual(o.collisions, [{ domain: 1, first: 0, last: 2, certainty: 'possible', owner: site(3) }]);
});
