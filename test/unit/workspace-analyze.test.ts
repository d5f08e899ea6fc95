import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTree } from '../../src/engine/analyze-tree';
import type { TreeFacts } from '../../src/facts/types';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');

function calls(t: TreeFacts): string[] {
  return t.files.flatMap((f) => f.facts.map((x) => `${x.file}:${x.range.line}:${x.range.column}:${x.api}`));
}

test('analyzeTree inside a kernel tree: era from its headers, paths relative to cwd, sorted', async () => {
  const progress: [number, number][] = [];
  const t = await analyzeTree(['mini-kernel/drivers'], { cwd: fixtures, jobs: 2, onProgress: (d, n) => progress.push([d, n]) });
  assert.deepEqual(
    t.files.flatMap((f) => f.problems),
    [],
  );
  assert.equal(t.tree, 'mini-kernel/drivers');
  assert.equal(t.era.source, 'include/linux/msi_api.h');
  assert.equal(t.era.era, 'per-domain');
  assert.deepEqual(calls(t), [
    'mini-kernel/drivers/net/demo/demo_main.c:10:9:pci_alloc_irq_vectors',
    'mini-kernel/drivers/net/demo/demo_main.c:14:17:pci_irq_vector',
    'mini-kernel/drivers/net/demo/demo_main.c:20:2:pci_free_irq_vectors',
  ]);
  // demo_stats.c names no MSI API: the prefilter drops it, so it is not in the output.
  assert.deepEqual(
    t.files.map((f) => f.file),
    ['mini-kernel/drivers/net/demo/demo_main.c'],
  );
  assert.deepEqual(progress.at(-1), [3, 3]); // demo_main.c, demo_stats.c, demo.h
});

test('analyzeTree resolves a #define from a quoted header next to the file', async () => {
  const t = await analyzeTree(['drivers'], { cwd: join(fixtures, 'mini-kernel'), jobs: 1 });
  assert.deepEqual(
    t.files.flatMap((f) => f.problems),
    [],
  );
  const alloc = t.files[0]!.facts.find((f) => f.api === 'pci_alloc_irq_vectors')!;
  assert.equal(alloc.max?.value, 5);
  assert.deepEqual(alloc.flags, ['PCI_IRQ_MSIX']);
});

test('analyzeTree gives the same facts on the calling thread (jobs 0) as in workers', async () => {
  const opts = { cwd: fixtures };
  const inline = await analyzeTree(['mini-kernel'], { ...opts, jobs: 0 });
  const pooled = await analyzeTree(['mini-kernel'], { ...opts, jobs: 3 });
  assert.deepEqual(pooled, inline);
  assert.equal(calls(inline).length, 3);
});

test('analyzeTree outside a kernel tree takes the era from the call signatures', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-era-'));
  try {
    writeFileSync(join(dir, 'old.c'), 'int f(struct irq_domain *d, struct device *dev)\n{\n\treturn msi_domain_alloc_irqs(d, dev, 4);\n}\n');
    const t = await analyzeTree(['.'], { cwd: dir, jobs: 1 });
    assert.equal(t.era.source, 'call signatures');
    assert.equal(t.era.era, 'xarray');
    assert.deepEqual(calls(t), ['old.c:3:9:msi_domain_alloc_irqs']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('analyzeTree stops with an AbortError when its signal is aborted', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(analyzeTree(['mini-kernel'], { cwd: fixtures, signal: controller.signal }), { name: 'AbortError' });
});
