// The two-thread check: a tree split by directory, one part replayed in a worker, must give
// exactly checkTree's result; a worker that is gone leaves its part to the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../src/engine/check-paths';
import { checkPart, checkTree, mergeParts } from '../../src/engine/check-tree';
import { acceptParts, directoriesOf, type DirectoryPart, type ScanCheckPayload } from '../../src/engine/scan-check';
import { checkInParts } from '../../src/engine/check-in-parts';
import { checkEach } from '../../src/engine/check-each';
import { startCheckHelper, type WorkerPool } from '../../src/engine/worker-pool';
import { splitByDirectory } from '../../src/engine/tree-parts';
import { analyzeTree } from '../../src/engine/analyze-tree';
import { dirOf } from '../../src/facts/directory';
import type { TreeFacts } from '../../src/facts/types';

const scenarios = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'c');
/** The scenario drivers, five to a directory (a tree of `scenarioDirs` directories). */
async function scenarioTree(): Promise<{ tree: TreeFacts; dispose: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'irqlens-parts-'));
  readdirSync(scenarios)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .forEach((f, i) => {
      const dir = join(root, `d${String(Math.floor(i / 5)).padStart(2, '0')}`);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(scenarios, f), join(dir, f));
    });
  const tree = await analyzeTree(['.'], { cwd: root, jobs: 0 });
  return { tree, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

test('splitByDirectory keeps each directory whole, in tree order, and loses no file', async () => {
  const { tree, dispose } = await scenarioTree();
  try {
    const parts = splitByDirectory(tree, 2);
    assert.equal(parts.length, 2);
    const dirs = parts.map((p) => new Set(p.files.map((f) => dirOf(f.file))));
    for (const d of dirs[0]!) assert.equal(dirs[1]!.has(d), false, `${d} is in both parts`);
    for (const p of parts)
      assert.deepEqual(
        p.files.map((f) => f.file),
        [...p.files.map((f) => f.file)].sort(),
      );
    assert.deepEqual(
      parts.flatMap((p) => p.files.map((f) => f.file)).sort(),
      tree.files.filter((f) => f.facts.length || f.functions.length).map((f) => f.file),
    );
    assert.ok(
      parts.every((p) => p.files.length >= 20),
      'the parts are balanced',
    );
  } finally {
    dispose();
  }
});

/** Runs `body` on the scenario tree with a check worker (closed first when `gone`). */
async function withWorker(gone: boolean, body: (tree: TreeFacts, helper: WorkerPool) => Promise<void>): Promise<void> {
  const { tree, dispose } = await scenarioTree();
  const helper = startCheckHelper();
  if (gone) await helper.close();
  try {
    await body(tree, helper);
  } finally {
    if (!gone) await helper.close();
    dispose();
  }
}

test("checkInParts with a worker gives checkTree's exact result", () =>
  withWorker(false, async (tree, helper) => {
    const whole = checkTree(tree, { layout: 'auto' });
    const split = await checkInParts(tree, { layout: 'auto' }, helper, 1);
    assert.equal(helper.answered, 1);
    assert.ok(whole.findings.length > 20);
    assert.deepEqual(split, whole);
  }));

test('checkInParts replays the part of a worker that is gone on the main thread', () =>
  withWorker(true, async (tree, helper) => {
    const split = await checkInParts(tree, { layout: 'auto', severity: { 'msi/leak': 'off' } }, helper, 1);
    assert.equal(helper.answered, 0);
    assert.deepEqual(split, checkTree(tree, { layout: 'auto', severity: { 'msi/leak': 'off' } }));
    assert.equal(
      split.findings.some((f) => f.code === 'msi/leak'),
      false,
    );
  }));

/** The scenario tree's directories as separate trees (the language server's groups). */
function groups(tree: TreeFacts): TreeFacts[] {
  const dirs = [...new Set(tree.files.map((f) => dirOf(f.file)))].sort();
  return dirs.map((d) => ({ ...tree, files: tree.files.filter((f) => dirOf(f.file) === d) }));
}

test('checkEach checks every tree as checkTree does, part of them in the worker', () =>
  withWorker(false, async (tree, helper) => {
    const trees = groups(tree);
    assert.equal(trees.length, scenarioDirs());
    const got = new Map<number, unknown>();
    await checkEach(trees, { layout: 'auto' }, { helper }, (i, r) => {
      assert.equal(got.has(i), false, `tree ${i} answered twice`);
      got.set(i, r);
    });
    assert.equal(helper.answered, 1);
    assert.deepEqual(
      [...got.keys()].sort((a, b) => a - b),
      trees.map((_, i) => i),
    );
    trees.forEach((t, i) => assert.deepEqual(got.get(i), checkTree(t, { layout: 'auto' })));
  }));

test('checkEach: an aborted signal stops it; a closed worker leaves every tree to the main thread', () =>
  withWorker(true, async (tree, helper) => {
    const trees = groups(tree);
    const controller = new AbortController();
    let calls = 0;
    await checkEach(trees, { layout: 'auto' }, { helper, signal: controller.signal }, () => {
      calls++;
      controller.abort();
    });
    assert.equal(calls, 1);
    const got: number[] = [];
    await checkEach(trees, { layout: 'auto' }, { helper }, (i) => got.push(i));
    assert.deepEqual(
      got.sort((a, b) => a - b),
      trees.map((_, i) => i),
    );
    assert.equal(helper.answered, 0);
  }));

/** How many directories of five the scenario files fill. */
function scenarioDirs(): number {
  return Math.ceil(readdirSync(scenarios).filter((f) => f.endsWith('.c')).length / 5);
}

/** A kernel tree (era known before the scan): the mini kernel with the scenario drivers in it. */
function kernelTree(): { root: string; dispose: () => void } {
  const tmp = mkdtempSync(join(tmpdir(), 'irqlens-kparts-'));
  const root = join(tmp, 'linux');
  cpSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', 'mini-kernel'), root, { recursive: true });
  readdirSync(scenarios)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .forEach((f, i) => {
      const dir = join(root, 'drivers', `d${String(Math.floor(i / 5)).padStart(2, '0')}`);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(scenarios, f), join(dir, f));
    });
  return { root, dispose: () => rmSync(tmp, { recursive: true, force: true }) };
}

test("the scan workers check every directory of a kernel tree as they scan it: checkTree's exact result", async () => {
  const { root, dispose } = kernelTree();
  try {
    const parts: DirectoryPart[] = [];
    const tree = await analyzeTree(['.'], {
      cwd: root,
      jobs: 2,
      scanCheck: {
        payload: { tree: '.', options: { layout: 'auto' } } satisfies ScanCheckPayload,
        onParts: (done) => void parts.push(...done),
        onError: (message) => assert.fail(message),
      },
    });
    const { accepted, rest } = acceptParts(tree, parts);
    // The scenario directories (five files each) and the mini kernel's demo driver, every one checked by a worker.
    assert.deepEqual(
      [...directoriesOf(tree.files).keys()].filter((d) => !/^drivers\/d\d\d$/.test(d)),
      ['drivers/net/demo'],
    );
    assert.equal(accepted.length, scenarioDirs() + 1);
    assert.deepEqual(
      rest.files.filter((f) => f.facts.length || f.functions.length),
      [],
    );
    const whole = checkTree(tree, { layout: 'auto' });
    assert.ok(whole.findings.length > 20);
    assert.deepEqual(mergeParts(tree, { layout: 'auto' }, [...accepted, checkPart(rest, { layout: 'auto' })]), whole);
    assert.deepEqual(await checkPaths(['.'], { cwd: root, layout: 'auto', jobs: 2 }), whole);
  } finally {
    dispose();
  }
});
