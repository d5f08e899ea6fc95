import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isSafeRange } from '../../src/review/git-range';
import { scanScope } from '../../src/review/scan-scope';
import { parsePlainDiff } from '../../src/review/series';

const tree = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'review', '16-two-drivers-one-series', 'tree');

function touching(...paths: string[]) {
  return [parsePlainDiff(paths.map((p) => `--- a/${p}\n+++ b/${p}\n@@ -1 +1 @@\n-a\n+b\n`).join(''), 'p.diff', 1)];
}

test('a driver-only series scans only the existing driver directories', () => {
  assert.deepEqual(scanScope(tree, touching('drivers/misc/foo/foo.c', 'drivers/misc/bar/bar.c', 'drivers/misc/new/new.c')), [
    'drivers/misc/bar',
    'drivers/misc/foo',
  ]);
});

test('a shared header or the MSI core needs the whole tree; no C file needs nothing', () => {
  assert.equal(scanScope(tree, touching('drivers/misc/foo/foo.c', 'include/linux/msi.h')), undefined);
  assert.equal(scanScope(tree, touching('kernel/irq/msi.c')), undefined);
  assert.equal(scanScope(tree, touching('arch/x86/include/asm/msi.h')), undefined);
  assert.deepEqual(scanScope(tree, touching('Documentation/PCI/msi-howto.rst', 'drivers/misc/foo/Kconfig')), []);
});

test('git ranges: tags with dots are fine; options, symmetric differences and single revisions are refused', () => {
  assert.deepEqual(['v6.11..v6.12', 'HEAD~3..HEAD', 'origin/main..', 'v6.1..HEAD^{commit}'].map(isSafeRange), [true, true, true, true]);
  assert.deepEqual(['--output=/tmp/x..HEAD', 'a...b', 'HEAD', 'a..-b', '..b', 'a..b;rm'].map(isSafeRange), [false, false, false, false, false, false]);
});
