import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyToOverlay, placeInTree } from '../../src/review/apply';
import { mapFilePatch, patchLineForPost, patchLineForPre } from '../../src/review/line-map';
import { Overlay, type TreeReader } from '../../src/review/overlay';
import { parsePlainDiff } from '../../src/review/series';

function memTree(files: Record<string, string>): TreeReader {
  return { read: (p) => files[p] };
}

const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((l) => `line ${l};`).join('\n') + '\n';

test('apply in memory: modified, renamed, added and deleted files; the tree is untouched', () => {
  const files = { 'd/x.c': base, 'd/old.c': 'int old;\n', 'd/gone.c': 'int gone;\n' };
  const overlay = new Overlay(memTree(files));
  const diff = [
    'diff --git a/d/x.c b/d/x.c',
    '--- a/d/x.c',
    '+++ b/d/x.c',
    '@@ -2,3 +2,4 @@',
    ' line b;',
    '-line c;',
    '+line C;',
    '+line C2;',
    ' line d;',
    'diff --git a/d/old.c b/d/new.c',
    'similarity index 100%',
    'rename from d/old.c',
    'rename to d/new.c',
    'diff --git a/d/add.c b/d/add.c',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/d/add.c',
    '@@ -0,0 +1,2 @@',
    '+int a;',
    '+int b;',
    'diff --git a/d/gone.c b/d/gone.c',
    'deleted file mode 100644',
    '--- a/d/gone.c',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-int gone;',
    '',
  ].join('\n');
  const out = applyToOverlay(overlay, parsePlainDiff(diff, 'p.diff', 1));
  assert.deepEqual(out.problems, []);
  assert.deepEqual(out.touched.sort(), ['d/add.c', 'd/gone.c', 'd/new.c', 'd/old.c', 'd/x.c']);
  assert.equal(overlay.read('d/x.c'), base.replace('line c;\n', 'line C;\nline C2;\n'));
  assert.equal(overlay.read('d/new.c'), 'int old;\n');
  assert.equal(overlay.read('d/old.c'), undefined);
  assert.equal(overlay.read('d/add.c'), 'int a;\nint b;\n');
  assert.equal(overlay.read('d/gone.c'), undefined);
  assert.equal(files['d/x.c'], base);
});

test('a hunk that does not apply names the patch file, hunk line and tree file; a binary change is a note', () => {
  const overlay = new Overlay(memTree({ 'x.c': base }));
  const diff = [
    '--- a/x.c',
    '+++ b/x.c',
    '@@ -1,2 +1,2 @@',
    ' line a;',
    '-line b;',
    '+line B;',
    '@@ -5,2 +5,2 @@',
    ' line nope;',
    '-line f;',
    '+line F;',
    'diff --git a/fw.bin b/fw.bin',
    'Binary files a/fw.bin and b/fw.bin differ',
    '',
  ].join('\n');
  const out = applyToOverlay(overlay, parsePlainDiff(diff, 'bad.diff', 1));
  assert.deepEqual(out.problems, ['bad.diff:7: hunk 2 of x.c (@@ -5,2 +5,2 @@) does not apply to the tree']);
  assert.deepEqual(out.notes, ['bad.diff:11: binary change to fw.bin skipped']);
  assert.equal(overlay.read('x.c'), base);
});

test('line map: post-image lines go to + and context lines, pre-image lines to - lines, also after an offset', () => {
  const shifted = 'extra 1;\nextra 2;\n' + base;
  const diff = ['--- a/x.c', '+++ b/x.c', '@@ -2,3 +2,4 @@', ' line b;', '-line c;', '+line C;', '+line C2;', ' line d;', ''].join('\n');
  const patch = parsePlainDiff(diff, 'p.diff', 1);
  const overlay = new Overlay(memTree({ 'x.c': shifted }));
  applyToOverlay(overlay, patch);
  const m = mapFilePatch(patch.files[0], shifted, overlay.read('x.c'));
  // applied two lines lower: post line 5 is "line C;" (patch line 6), 6 is "line C2;" (patch line 7)
  assert.deepEqual(
    [4, 5, 6, 7].map((l) => patchLineForPost(m, l)),
    [4, 6, 7, 8],
  );
  assert.equal(patchLineForPre(m, 5), 5);
  assert.equal(patchLineForPost(m, 12), undefined);
});

test('paths: git --no-prefix, diff -ru old/ new/, and a shared leading directory the tree does not have', () => {
  const files = { 'drivers/x.c': base };
  const body = ['@@ -1 +1 @@', '-line a;', '+line A;', ''];
  const noPrefix = parsePlainDiff(['diff --git drivers/x.c drivers/x.c', '--- drivers/x.c', '+++ drivers/x.c', ...body].join('\n'), 'np.diff', 1);
  assert.deepEqual([noPrefix.files[0].oldPath, noPrefix.files[0].newPath], ['drivers/x.c', 'drivers/x.c']);
  const ru = parsePlainDiff(['--- linux-6.1/drivers/x.c', '+++ linux-6.12/drivers/x.c', ...body].join('\n'), 'ru.diff', 1);
  assert.deepEqual([ru.files[0].oldPath, ru.files[0].newPath], ['drivers/x.c', 'drivers/x.c']);
  const shared = parsePlainDiff(['--- linux/drivers/x.c', '+++ linux/drivers/x.c', ...body].join('\n'), 'sh.diff', 1);
  assert.equal(shared.files[0].oldPath, 'linux/drivers/x.c');
  const placed = placeInTree(memTree(files), shared);
  assert.deepEqual([placed.files[0].oldPath, placed.files[0].newPath], ['drivers/x.c', 'drivers/x.c']);
  const overlay = new Overlay(memTree(files));
  assert.deepEqual(applyToOverlay(overlay, placed).problems, []);
  assert.equal(overlay.read('drivers/x.c')?.split('\n')[0], 'line A;');
});

test('a path that leaves the tree is refused, not read', () => {
  const read: string[] = [];
  const tree: TreeReader = { read: (p) => (read.push(p), undefined) };
  const out = applyToOverlay(
    new Overlay(tree),
    parsePlainDiff(['--- a/../../etc/passwd', '+++ b/../../etc/passwd', '@@ -1 +1 @@', '-x', '+y', ''].join('\n'), 'evil.diff', 1),
  );
  assert.deepEqual(out.problems, ['evil.diff:1: ../../etc/passwd is outside the tree: not applied']);
  assert.deepEqual(read, []);
});
