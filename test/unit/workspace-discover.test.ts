import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverFiles } from '../../src/workspace/discover';
import { toOutputPath } from '../../src/workspace/paths';

function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'irqlens-discover-'));
  const files: Record<string, string> = {
    'a.c': '',
    'b.h': '',
    'notes.txt': '',
    Makefile: '',
    'sub/c.c': '',
    'sub/deep/d.h': '',
    '.git/objects/e.c': '',
    '.pc/patch/f.c': '',
    'node_modules/x/g.c': '',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  symlinkSync('missing.c', join(root, 'dangling.c'));
  symlinkSync('sub', join(root, 'sublink.c.d'));
  return root;
}

test('discoverFiles lists .c/.h files sorted, skips dot-directories and node_modules', () => {
  const root = makeTree();
  try {
    const d = discoverFiles(['.'], root);
    assert.deepEqual(
      d.files,
      ['a.c', 'b.h', 'dangling.c', 'sub/c.c', 'sub/deep/d.h'].map((f) => join(root, f)),
    );
    assert.deepEqual(d.problems, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('discoverFiles keeps an explicit file whatever its name and drops duplicates', () => {
  const root = makeTree();
  try {
    const d = discoverFiles(['notes.txt', 'sub', 'sub/c.c'], root);
    assert.deepEqual(d.files, [join(root, 'notes.txt'), join(root, 'sub/c.c'), join(root, 'sub/deep/d.h')]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('discoverFiles reports a missing path and a dangling symlink given explicitly, and goes on', () => {
  const root = makeTree();
  try {
    const d = discoverFiles(['no/such/dir', 'dangling.c', 'a.c'], root);
    assert.deepEqual(d.files, [join(root, 'a.c')]);
    assert.deepEqual(d.problems, [
      { file: 'no/such/dir', line: 1, column: 1, severity: 'error', message: 'no such file or directory' },
      { file: 'dangling.c', line: 1, column: 1, severity: 'error', message: 'dangling symbolic link: its target does not exist' },
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('toOutputPath: a cut below a cwd under a dot-directory, relative() for . and .. segments', () => {
  assert.equal(toOutputPath('/home/u/.cache/linux/drivers/pci/msi/msi.c', '/home/u/.cache/linux'), 'drivers/pci/msi/msi.c');
  assert.equal(toOutputPath('/home/u/.cache/linux/drivers/../kernel/irq/msi.c', '/home/u/.cache/linux'), 'kernel/irq/msi.c');
  assert.equal(toOutputPath('/home/u/.cache/linux/.git/x.c', '/home/u/.cache/linux'), '.git/x.c');
  assert.equal(toOutputPath('/home/u/other/x.c', '/home/u/.cache/linux'), '../../other/x.c');
});

test('discoverFiles lists the same files in pieces as in one crawl: FIFOs at every level too (the read names them)', () => {
  const root = mkdtempSync(join(tmpdir(), 'irqlens-pieces-'));
  try {
    mkdirSync(join(root, 'drivers', 'net'), { recursive: true });
    writeFileSync(join(root, 'top.c'), 'int x;\n');
    writeFileSync(join(root, 'drivers', 'net', 'nic.c'), 'int y;\n');
    symlinkSync('nic.c', join(root, 'drivers', 'net', 'alias.c'));
    for (const fifo of ['pipe.c', 'drivers/pipe.h', 'drivers/net/deep.c']) assert.equal(spawnSync('mkfifo', [join(root, fifo)]).status, 0);
    const pieces: string[][] = [];
    const streamed = discoverFiles(['.'], root, undefined, (files) => pieces.push(files));
    const whole = discoverFiles(['.'], root);
    assert.deepEqual(
      whole.files,
      ['drivers/net/alias.c', 'drivers/net/deep.c', 'drivers/net/nic.c', 'drivers/pipe.h', 'pipe.c', 'top.c'].map((f) => join(root, f)),
    );
    assert.deepEqual(streamed.files, whole.files);
    assert.deepEqual(pieces.flat().sort(), whole.files);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
