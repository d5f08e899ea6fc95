// Seeded random operation sequences over every layout: the model never throws, stays JSON data,
// and keeps its invariants (ordered blocks, no two definite descriptors at one index outside the
// list layout, outcomes consistent with their status).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceSite } from '../../src/vocabulary/source-site';
import { apply, createStore, fork, join, type Interval, type StoreConfig, type StoreOp, type StoreState } from '../../src/model/store';
import { ruleOfKind } from '../../src/check/problem-rules';

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const site = (line: number): SourceSite => ({ file: 'fuzz.c', range: { line, column: 1, endLine: line, endColumn: 9 }, function: 'f', api: 'x' });

function randomOp(r: () => number, line: number): StoreOp {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const small = (): number => pick([-1, 0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 33, 64, 2048, 65535, 65536, 70000]);
  const iv = (): Interval =>
    r() < 0.7
      ? { min: small(), max: null }
      : (() => {
          const a = Math.max(0, small());
          return { min: a, max: r() < 0.5 ? a : a + Math.floor(r() * 8) };
        })();
  const ex = (): Interval => {
    const n = small();
    return { min: n, max: n };
  };
  const device = pick(['a', 'b']);
  const s = site(line);
  const domain = pick([ex(), { min: 0, max: 0 }, { min: 1, max: 1 }]);
  const ops: StoreOp[] = [
    { op: 'insert', device, site: s, domain, index: ex() },
    { op: 'alloc-range', device, site: s, domain, first: ex(), last: iv() },
    { op: 'alloc-count', device, site: s, domain, count: iv() },
    { op: 'alloc-at', device, site: s, domain, index: r() < 0.5 ? 'any' : ex() },
    { op: 'free-range', device, site: s, domain, first: ex(), last: ex() },
    { op: 'free-all', device, site: s, domain },
    { op: 'free-descs', device, site: s },
    { op: 'create-domain', device, site: s, domain, hwsize: iv() },
    { op: 'remove-domain', device, site: s, domain },
    { op: 'get-virq', device, site: s, index: iv() },
    { op: 'pci-managed', device, site: s },
    {
      op: 'pci-alloc-vectors',
      device,
      site: s,
      min: ex(),
      max: iv(),
      flags: pick([['PCI_IRQ_MSIX'], ['PCI_IRQ_MSI'], ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_INTX'], ['PCI_IRQ_MSIX', 'PCI_IRQ_VIRTUAL']]),
    },
    { op: 'pci-enable-msi', device, site: s, min: ex(), max: iv() },
    { op: 'pci-enable-msix', device, site: s, min: ex(), max: iv(), entries: r() < 0.5 ? null : [small(), small(), small()].map((n) => Math.max(0, n)) },
    { op: 'pci-disable', device, site: s, mode: pick(['msi', 'msix', 'all'] as const) },
    { op: 'pci-msix-alloc-at', device, site: s, index: r() < 0.5 ? 'any' : ex(), guarded: r() < 0.5 },
    { op: 'pci-msix-free', device, site: s, index: ex() },
    { op: 'pci-irq-vector', device, site: s, nr: iv() },
    { op: 'platform-alloc', device, site: s, nvec: iv() },
    { op: 'platform-free', device, site: s },
    { op: 'fsl-mc-alloc', device, site: s, count: iv() },
    { op: 'fsl-mc-free', device, site: s },
    { op: 'ti-sci-alloc', device, site: s, ranges: [{ first: ex(), count: iv() }] },
    { op: 'ims-create', device, site: s, hwsize: iv() },
    { op: 'ims-alloc', device, site: s },
    { op: 'ims-free', device, site: s, index: ex() },
  ];
  return pick(ops);
}

function checkInvariants(s: StoreState, context: string): void {
  for (const dev of Object.values(s.devices)) {
    for (const d of dev.domains) {
      for (const b of d.blocks) assert.ok(b.first <= b.last && b.first >= 0, `${context}: block ${b.first}..${b.last}`);
      if (s.config.layout === 'list') continue;
      const definite = d.blocks.filter((b) => b.certainty === 'definite');
      for (let i = 0; i < definite.length; i++)
        for (let j = i + 1; j < definite.length; j++)
          assert.ok(
            definite[i]!.last < definite[j]!.first || definite[j]!.last < definite[i]!.first,
            `${context}: definite overlap in domain ${d.domain} of ${dev.key}`,
          );
    }
  }
}

const configs: StoreConfig[] = [
  { layout: 'list' },
  { layout: 'xarray' },
  { layout: 'per-domain', maxDeviceIrqDomains: 1 },
  { layout: 'per-domain', maxDeviceIrqDomains: 2 },
  { layout: 'partitioned' },
  { layout: 'partitioned', tree: '6.1' },
];

for (const config of configs) {
  test(`random sequences (${config.layout}${config.tree ? ` ${config.tree}` : ''}${config.maxDeviceIrqDomains ? ` max ${config.maxDeviceIrqDomains}` : ''}): no throw, invariants hold`, () => {
    for (let seed = 1; seed <= 80; seed++) {
      const r = rng(seed * 7919);
      let s = createStore(config);
      const history: string[] = [];
      const brief = (o: StoreOp): string => JSON.stringify({ ...o, site: o.site.range.line });
      for (let step = 0; step < 40; step++) {
        const op = randomOp(r, step + 1);
        history.push(brief(op));
        const context = `seed ${seed} step ${step}\n${history.filter((h) => h.includes(`"device":"${op.device}"`)).join('\n')}`;
        if (r() < 0.1) {
          const other = fork(s);
          const side = randomOp(r, 100 + step);
          history.push(`branch: ${brief(side)}`);
          apply(other, side);
          s = join(s, other);
          checkInvariants(s, `${context} (join)`);
        }
        const out = apply(s, op);
        assert.ok(['ok', 'error', 'possible-error', 'no-op'].includes(out.status), context);
        if (out.status === 'ok' && op.op !== 'pci-alloc-vectors')
          assert.ok(
            out.problems.every(
              (p) => p.certainty !== 'definite' || ['msi/range-inverted', 'msi/index-conflict', 'msi/dynamic-msix-unsupported'].includes(ruleOfKind[p.kind]),
            ),
            `${context}: ok with a definite ${out.problems.map((p) => p.kind).join(',')}`,
          );
        checkInvariants(s, context);
      }
      assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
    }
  });
}
