// IRQ Lens inside a real headless Neovim 0.7 (Debian's neovim; test/nvim/setup.sh installs it):
// run.sh starts Neovim with test.lua, whose built-in LSP client runs `irqlens lsp --stdio` on the
// hdrv fixture, and writes what Neovim received as JSON; this test asserts it exactly.
// There is no skip when nvim is missing: run.sh then fails with "nvim not found".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(__dirname, '..', '..', '..');
const here = join(repo, 'test', 'nvim');

interface NvimDiagnostic {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  severity: string;
  code: string;
  source: string;
  message: string;
  href: string | null;
  related: { file: string; line: number; message: string }[];
}

interface Report {
  diagnostics: NvimDiagnostic[];
  hover: string;
  actions: { title: string; kind: string; command: string | null }[];
  devices: unknown;
  fixedLine: string[];
  after: NvimDiagnostic[];
}

// The rule pages installed with the package (this checkout), linked as file: URIs.
const docs = `${pathToFileURL(join(repo, 'docs', 'rules')).href}/`;
const conflict = {
  line: 29,
  col: 8,
  endLine: 29,
  endCol: 29,
  severity: 'ERROR',
  code: 'msi/index-conflict',
  source: 'irqlens',
  href: `${docs}msi-index-conflict.md`,
  related: [{ file: 'hdrv_main.c', line: 20, message: 'pci_alloc_irq_vectors() allocated index 0 of domain 0 here' }],
};

function withoutMessage(d: NvimDiagnostic): Omit<NvimDiagnostic, 'message'> {
  const { message: _message, ...rest } = d;
  return rest;
}

test('Neovim 0.7 shows the diagnostics, hover, code actions and the re-check after a quick fix', { timeout: 40_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-nvim-'));
  try {
    const reportFile = join(dir, 'report.json');
    const r = spawnSync('bash', [join(here, 'run.sh')], {
      encoding: 'utf8',
      timeout: 35_000,
      killSignal: 'SIGKILL',
      env: {
        ...process.env,
        E2E_REPORT: reportFile,
        E2E_EXPECT_COUNT: '2',
        E2E_HOVER_LINE: '20',
        E2E_HOVER_COL: '10',
        E2E_FIX_CODE: 'msi/index-from-requested',
        E2E_TIMEOUT_S: '30',
      },
    });
    const output = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, `run.sh exited ${r.status} (signal ${r.signal})\n${output}`);
    assert.match(r.stdout, /^8 passed, 0 failed$/m, output);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;

    assert.deepEqual(report.diagnostics.map(withoutMessage), [
      {
        line: 24,
        col: 38,
        endLine: 24,
        endCol: 52,
        severity: 'WARN',
        code: 'msi/index-from-requested',
        source: 'irqlens',
        href: `${docs}msi-index-from-requested.md`,
        related: [{ file: 'hdrv_main.c', line: 20, message: 'pci_alloc_irq_vectors() requested up to HDRV_QUEUES here' }],
      },
      conflict,
    ]);
    assert.match(
      report.diagnostics[0]!.message,
      /^pci_irq_vector\(\) on 'pdev': the loop bound HDRV_QUEUES is the count requested from pci_alloc_irq_vectors\(\) at hdrv_main\.c:20/,
    );
    assert.match(report.diagnostics[1]!.message, /^pci_alloc_irq_vectors\(\) on 'pdev', domain 0: MSI-X is already enabled/);

    const hover = report.hover.split('\n');
    assert.deepEqual(hover.slice(0, 7), [
      '`pci_alloc_irq_vectors(pdev, 1, HDRV_QUEUES, PCI_IRQ_MSIX)` — alloc, all eras',
      '',
      '- device: `pdev` (pci)',
      '- domain: `MSI_DEFAULT_DOMAIN (implied)` = 0',
      '- min: `1`',
      '- max: `HDRV_QUEUES` = 4 ← `HDRV_QUEUES -> 4`',
      '- flags: `PCI_IRQ_MSIX`',
    ]);
    assert.match(hover[8]!, /^\*\*Allocates\*\* 0 \(definite\), 1\.\.3 \(possible\) in domain 0 \(MSI\\_DEFAULT\\_DOMAIN\), per-domain layout/);
    assert.deepEqual(hover.slice(10), [
      '**Store before this call**: empty',
      '',
      '**Owner**: pdev (pci)',
      '**Attribution**: owner O = pdev: pci device; the descriptors live in its msi.data',
      '**Requester ID**: unknown (no topology)',
    ]);

    assert.deepEqual(report.actions, [
      { title: 'Bound the loop by the allocated count: i < nvec', kind: 'quickfix', command: null },
      { title: 'Show in MSI map', kind: '', command: 'irqlens.server.showMap' },
    ]);
    assert.deepEqual(report.devices, [{ key: 'hdrv_main.c:pdev', label: 'pdev', class: 'pci', files: ['hdrv_main.c'] }]);
    // Neovim applied the fix to the buffer; the server re-checked that version.
    assert.equal(report.fixedLine[0], '\tfor (i = 0; i < nvec; i++) {');
    assert.deepEqual(report.after.map(withoutMessage), [conflict]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
