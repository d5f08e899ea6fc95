import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIncludeReader, maxHeaderBytes } from '../../src/workspace/include-reader';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'irqlens-inc-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

test('include reader: quoted next to the file first, then the kernel include dirs, arch of the file', () => {
  const root = tree({
    'drivers/x/local.h': 'LOCAL',
    'include/linux/local.h': 'KERNEL-LOCAL',
    'include/linux/pci.h': 'PCI',
    'include/uapi/linux/pci_regs.h': 'UAPI',
    'arch/x86/include/asm/msi.h': 'X86',
    'arch/arm64/include/asm/msi.h': 'ARM64',
    'include/linux/huge.h': 'x'.repeat(maxHeaderBytes + 1),
  });
  try {
    const read = createIncludeReader({ cwd: root, kernelRoot: root }).read;
    assert.equal(read('drivers/x/a.c', 'local.h', true), 'LOCAL');
    assert.equal(read('drivers/x/a.c', 'linux/local.h', false), 'KERNEL-LOCAL');
    assert.equal(read('drivers/x/a.c', 'linux/pci.h', false), 'PCI');
    assert.equal(read('drivers/x/a.c', 'linux/pci_regs.h', false), 'UAPI');
    assert.equal(read('drivers/x/a.c', 'asm/msi.h', false), 'X86');
    assert.equal(read('arch/arm64/kernel/b.c', 'asm/msi.h', false), 'ARM64');
    assert.equal(read('drivers/x/a.c', 'linux/huge.h', false), undefined);
    assert.equal(read('drivers/x/a.c', 'linux/absent.h', false), undefined);
    assert.equal(read('drivers/x/a.c', 'local.h', false), undefined); // <local.h> is not looked up next to the file
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('include reader outside a kernel tree only follows quoted includes', () => {
  const root = tree({ 'src/a.h': 'A', 'include/linux/pci.h': 'PCI' });
  try {
    const read = createIncludeReader({ cwd: root }).read;
    assert.equal(read('src/a.c', 'a.h', true), 'A');
    assert.equal(read('src/a.c', 'linux/pci.h', false), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('include reader stamps: every file a lookup tried, up to the one it read (a missing one by path alone)', () => {
  const root = tree({ 'drivers/x/a.c': '', 'include/linux/pci.h': 'PCI', 'include/uapi/linux/only.h': 'UAPI' });
  try {
    const includes = createIncludeReader({ cwd: root, kernelRoot: root });
    assert.equal(includes.read('drivers/x/a.c', 'linux/only.h', false), 'UAPI');
    const stamps = includes.stamps('drivers/x/a.c', 'linux/only.h', false);
    assert.deepEqual(
      stamps.map((s) => [s[0].slice(root.length + 1), s.length]),
      [
        ['include/linux/only.h', 1],
        ['arch/x86/include/linux/only.h', 1],
        ['include/uapi/linux/only.h', 3],
      ],
    );
    const st = statSync(join(root, 'include/uapi/linux/only.h'));
    assert.deepEqual(stamps[2]!.slice(1), [st.size, st.mtimeMs]);
    assert.equal(includes.read('drivers/x/a.c', 'linux/pci.h', false), 'PCI');
    assert.deepEqual(
      includes.stamps('drivers/x/a.c', 'linux/pci.h', false).map((s) => s[0].slice(root.length + 1)),
      ['include/linux/pci.h'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
