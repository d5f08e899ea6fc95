import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTree } from '../../src/engine/analyze-tree';
import { FactsCache } from '../../src/engine/cache';
import type { FileProblem } from '../../src/facts/types';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');

function scratch(): { tree: string; cache: string; done: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'irqlens-cache-'));
  const tree = join(base, 'tree');
  cpSync(join(fixtures, 'mini-kernel'), tree, { recursive: true });
  return { tree, cache: join(base, 'cache'), done: () => rmSync(base, { recursive: true, force: true }) };
}

test('a second scan with the cache returns the same facts and re-reads only changed files', async () => {
  const s = scratch();
  try {
    const first = await analyzeTree(['.'], { cwd: s.tree, jobs: 1, cacheDir: s.cache });
    const cacheFile = new FactsCache(s.cache, s.tree, first.era.label, () => undefined).path;
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown[]> };
    assert.deepEqual(Object.keys(stored.entries).sort(), [
      'arch/x86/include/asm/demo_arch.h',
      'drivers/net/demo/demo.h',
      'drivers/net/demo/demo_main.c',
      'drivers/net/demo/demo_stats.c',
      'include/linux/msi.h',
      'include/linux/msi_api.h',
      'include/linux/pci.h',
    ]);
    assert.equal(stored.entries['drivers/net/demo/demo_stats.c']![2], null);
    const second = await analyzeTree(['.'], { cwd: s.tree, jobs: 1, cacheDir: s.cache });
    assert.deepEqual(second, first);
    appendFileSync(join(s.tree, 'drivers/net/demo/demo_stats.c'), 'void x(struct pci_dev *p) { pci_disable_msix(p); }\n');
    const third = await analyzeTree(['.'], { cwd: s.tree, jobs: 1, cacheDir: s.cache });
    const apis = third.files.flatMap((f) => f.facts.map((x) => `${x.file}:${x.api}`));
    assert.deepEqual(
      apis.filter((a) => a.includes('demo_stats')),
      ['drivers/net/demo/demo_stats.c:pci_disable_msix'],
    );
  } finally {
    s.done();
  }
});

/** The maximum the cached or fresh facts give demo_main.c's allocation. */
async function demoMax(s: { tree: string; cache: string }): Promise<number | undefined> {
  const t = await analyzeTree(['.'], { cwd: s.tree, jobs: 1, cacheDir: s.cache });
  return t.files.flatMap((f) => f.facts).find((x) => x.api === 'pci_alloc_irq_vectors')?.max?.value;
}

test('a changed #define in a driver header re-extracts the file that uses it, though the file itself did not change', async () => {
  const s = scratch();
  try {
    assert.equal(await demoMax(s), 5);
    const header = join(s.tree, 'drivers/net/demo/demo.h');
    writeFileSync(header, readFileSync(header, 'utf8').replace('DEMO_NUM_QUEUES\t4', 'DEMO_NUM_QUEUES\t8'));
    assert.equal(await demoMax(s), 9);
    assert.equal(await demoMax(s), 9);
  } finally {
    s.done();
  }
});

test('a header that appears earlier on the include path re-extracts the files whose lookup it now answers', async () => {
  const s = scratch();
  try {
    // <linux/demo_count.h> is looked up in include/ before arch/x86/include/: at first only the
    // arch copy exists, then one appears in include/ and answers the lookup instead.
    const main = join(s.tree, 'drivers/net/demo/demo_main.c');
    writeFileSync(main, `#include <linux/demo_count.h>\n${readFileSync(main, 'utf8')}`);
    writeFileSync(join(s.tree, 'drivers/net/demo/demo.h'), '#define DEMO_NUM_VECS (DEMO_NUM_QUEUES + 1)\n');
    mkdirSync(join(s.tree, 'arch/x86/include/linux'), { recursive: true });
    writeFileSync(join(s.tree, 'arch/x86/include/linux/demo_count.h'), '#define DEMO_NUM_QUEUES 2\n');
    assert.equal(await demoMax(s), 3);
    writeFileSync(join(s.tree, 'include/linux/demo_count.h'), '#define DEMO_NUM_QUEUES 6\n');
    assert.equal(await demoMax(s), 7);
  } finally {
    s.done();
  }
});

/** The mini kernel plus a binary file (cached, with its warning) and a dangling link (never cached). */
function oddTree(): { tree: string; cache: string; done: () => void } {
  const s = scratch();
  writeFileSync(join(s.tree, 'drivers/net/demo/blob.c'), Buffer.from('pci_irq_vector(pdev, 0);\n\0\0'));
  symlinkSync('gone.c', join(s.tree, 'drivers/net/demo/dangling.c'));
  return s;
}

function cacheFileOf(
  cacheDir: string,
  tree: string,
  era: string,
): { format: number; tool: string; era: string; entries: Record<string, [number, number, unknown]> } {
  return JSON.parse(readFileSync(new FactsCache(cacheDir, tree, era, () => undefined).path, 'utf8'));
}

test('a cold cache is filled from the streaming scan with the entries a stat-first scan writes', async () => {
  const s = oddTree();
  const lookups = mock.method(FactsCache.prototype, 'get');
  try {
    const streamed = await analyzeTree(['.'], { cwd: s.tree, jobs: 2, cacheDir: join(s.cache, 'streamed') });
    // No lookup: the early pool took the files as they were listed, without plan()'s stat pass.
    assert.equal(lookups.mock.callCount(), 0);
    const statFirst = await analyzeTree(['.'], { cwd: s.tree, jobs: 0, cacheDir: join(s.cache, 'stat-first') });
    assert.deepEqual(streamed, statFirst);
    const era = streamed.era.label;
    const written = cacheFileOf(join(s.cache, 'streamed'), s.tree, era);
    assert.deepEqual(written, cacheFileOf(join(s.cache, 'stat-first'), s.tree, era));
    assert.deepEqual(Object.keys(written.entries), [
      'arch/x86/include/asm/demo_arch.h',
      'drivers/net/demo/blob.c',
      'drivers/net/demo/demo.h',
      'drivers/net/demo/demo_main.c',
      'drivers/net/demo/demo_stats.c',
      'include/linux/msi.h',
      'include/linux/msi_api.h',
      'include/linux/pci.h',
    ]);
    const main = statSync(join(s.tree, 'drivers/net/demo/demo_main.c'));
    assert.deepEqual(written.entries['drivers/net/demo/demo_main.c']!.slice(0, 2), [main.size, main.mtimeMs]);
    assert.deepEqual(
      written.entries['drivers/net/demo/blob.c']![2],
      streamed.files.find((f) => f.file === 'drivers/net/demo/blob.c'),
    );
  } finally {
    lookups.mock.restore();
    s.done();
  }
});

test('after a cold streaming scan, the next scan is served from the cache and reads only a changed file', async () => {
  const s = oddTree();
  try {
    const cold = await analyzeTree(['.'], { cwd: s.tree, jobs: 2, cacheDir: s.cache });
    const lookups = mock.method(FactsCache.prototype, 'get');
    try {
      const warm = await analyzeTree(['.'], { cwd: s.tree, jobs: 2, cacheDir: s.cache });
      assert.deepEqual(warm, cold);
      // Every readable file hits; the dangling link has no stat, so it is not looked up.
      assert.deepEqual(
        lookups.mock.calls.map((c) => c.result !== undefined),
        Array<boolean>(8).fill(true),
      );
      lookups.mock.resetCalls();
      appendFileSync(join(s.tree, 'drivers/net/demo/demo_stats.c'), 'void x(struct pci_dev *p) { pci_disable_msix(p); }\n');
      const progress: [number, number][] = [];
      const changed = await analyzeTree(['.'], { cwd: s.tree, jobs: 0, cacheDir: s.cache, onProgress: (done, total) => progress.push([done, total]) });
      const misses = lookups.mock.calls.filter((c) => c.result === undefined).map((c) => c.arguments[0]);
      assert.deepEqual(misses, ['drivers/net/demo/demo_stats.c']);
      // Read again: the changed file and the dangling link (no stat, never cached); 9 files in all.
      assert.deepEqual(progress, [
        [0, 2],
        [9, 9],
      ]);
      assert.deepEqual(
        changed.files.find((f) => f.file === 'drivers/net/demo/demo_stats.c')!.facts.map((f) => f.api),
        ['pci_disable_msix'],
      );
    } finally {
      lookups.mock.restore();
    }
  } finally {
    s.done();
  }
});

test('a corrupt cache file is reported once as a warning, ignored and rebuilt', async () => {
  const s = scratch();
  try {
    const first = await analyzeTree(['.'], { cwd: s.tree, jobs: 0, cacheDir: s.cache });
    const cacheFile = new FactsCache(s.cache, s.tree, first.era.label, () => undefined).path;
    writeFileSync(cacheFile, '{"format": 1, "entr');
    const problems: FileProblem[] = [];
    const again = await analyzeTree(['.'], { cwd: s.tree, jobs: 0, cacheDir: s.cache, onProblem: (p) => problems.push(p) });
    assert.deepEqual(problems, [
      { file: cacheFile, line: 1, column: 1, severity: 'warning', message: 'cache file is corrupt (not JSON): ignored, it will be rebuilt' },
    ]);
    assert.deepEqual(again, first);
    assert.doesNotThrow(() => JSON.parse(readFileSync(cacheFile, 'utf8')));
  } finally {
    s.done();
  }
});

test('corrupt entries are dropped with a count, good entries are kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-cache-entries-'));
  try {
    const problems: FileProblem[] = [];
    const cache = new FactsCache(dir, '/tree', 'era', (p) => problems.push(p));
    cache.set('a.c', 10, 20, null);
    cache.save();
    const data = JSON.parse(readFileSync(cache.path, 'utf8')) as { entries: Record<string, unknown> };
    data.entries['b.c'] = ['ten', 20, null];
    data.entries['c.c'] = [1, 2, { file: 3 }];
    writeFileSync(cache.path, JSON.stringify(data));
    const reopened = new FactsCache(dir, '/tree', 'era', (p) => problems.push(p));
    assert.equal(reopened.get('a.c', 10, 20), null);
    assert.equal(reopened.get('a.c', 11, 20), undefined);
    assert.equal(reopened.get('b.c', 10, 20), undefined);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['2 corrupt cache entries ignored'],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('deferCacheWrite: nothing is written until the caller runs the write it was handed', async () => {
  const s = scratch();
  try {
    let write: (() => void) | undefined;
    const first = await analyzeTree(['.'], {
      cwd: s.tree,
      jobs: 2,
      cacheDir: s.cache,
      deferCacheWrite: (w) => {
        write = w;
      },
    });
    const cacheFile = new FactsCache(s.cache, s.tree, first.era.label, () => undefined).path;
    assert.throws(() => statSync(cacheFile), /ENOENT/);
    assert.ok(write);
    write();
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Record<string, unknown[]> };
    assert.equal(Object.keys(stored.entries).length, 7);
    const second = await analyzeTree(['.'], { cwd: s.tree, jobs: 2, cacheDir: s.cache });
    assert.deepEqual(second, first);
  } finally {
    s.done();
  }
});
