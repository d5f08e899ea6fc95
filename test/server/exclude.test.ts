// irqlens.exclude patterns: directory prefixes and globs over root-relative paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excludeMatcher } from '../../src/engine/exclude';

test('a directory excludes everything under it, globs match within or across segments', () => {
  const ex = excludeMatcher(['drivers/staging/', './arch/*/kvm', '**/test_*.c']);
  assert.deepEqual(
    ['drivers/staging/x.c', 'drivers/stagingx.c', 'arch/x86/kvm/a.c', 'arch/x86/mm/kvm/a.c', 'lib/test_msi.c', 'test_a.c', 'lib/a_test.c'].map(ex),
    [true, false, true, false, true, true, false],
  );
  assert.equal(excludeMatcher([])('anything.c'), false);
});
