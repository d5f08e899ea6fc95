// A real Emacs (Debian's 28.2, batch mode) with its eglot client starts `irqlens lsp --stdio` on the
// Neovim suite's fixture driver: Flymake shows the server's diagnostics, a hover answers, and the
// server's devices command runs. test/emacs/setup.sh installs Emacs; nothing here skips when it is
// missing, so a lost install step cannot pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
const script = join(repoRoot, 'test', 'emacs', 'eglot-check.el');

test('eglot in a real Emacs: diagnostics, hover and a server command from irqlens', { timeout: 90_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'irqlens-eglot-'));
  try {
    // Its own git work tree, so eglot's project (and the server's root) is the driver directory.
    cpSync(join(repoRoot, 'test', 'nvim', 'fixtures', 'hdrv'), work, { recursive: true });
    spawnSync('git', ['init', '-q'], { cwd: work });
    const home = join(work, '.home');
    const r = spawnSync('emacs', ['-Q', '--batch', '-l', script, join(work, 'hdrv_main.c')], {
      cwd: work,
      encoding: 'utf8',
      timeout: 80_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: join(home, 'cache'), IRQLENS_CMD: `${process.execPath} ${cli}` },
    });
    assert.equal(r.error, undefined, `emacs could not run (test/emacs/setup.sh installs it): ${String(r.error)}`);
    assert.equal(r.status, 0, `emacs exited ${r.status}\n${r.stdout}\n${r.stderr}`);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      "24 eglot-warning irqlens [msi/index-from-requested]: pci_irq_vector() on 'pdev': the loop bound HDRV_QUEUES is the count requested from pci_alloc_irq_vectors() at hdrv_main.c:20, which may grant as few as 1; for indices from the granted count up pci_irq_vector() returns -EINVAL: bound the loop by the returned count [per-domain layout, MSI_MAX_DEVICE_IRQDOMAINS = 1]",
      "29 eglot-error irqlens [msi/index-conflict]: pci_alloc_irq_vectors() on 'pdev', domain 0: MSI-X is already enabled: its slots are still allocated (-EINVAL); index 0 is still held by pci_alloc_irq_vectors() at hdrv_main.c:20 [per-domain layout, MSI_MAX_DEVICE_IRQDOMAINS = 1]",
      'hover: `pci_alloc_irq_vectors(pdev, 1, HDRV_QUEUES, PCI_IRQ_MSIX)` — alloc, all eras',
      'devices: [(:key "hdrv_main.c:pdev" :label "pdev" :class "pci" :files ["hdrv_main.c"])]',
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
