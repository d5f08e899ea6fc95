import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const root = join(__dirname, '..', '..', '..');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root, interactive: false });
  return { code, out, err };
}

test('irqlens facts examples: one gcc-style line per call, paths relative to cwd', async () => {
  const r = await run(['facts', '--jobs', '0', 'examples']);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 19);
  assert.ok(
    lines.includes(
      'examples/lensnet_irq.c:20:9: pci_alloc_irq_vectors alloc device=adapter->pdev(pci) min=1 max=9 flags=MSIX|MSI -> nvec in lensnet_setup_irqs()',
    ),
  );
  assert.ok(
    lines.includes(
      'examples/lensnet_irq.c:27:22: pci_irq_vector lookup device=adapter->pdev(pci) index=i[0..nvec) -> adapter->irqs[i] in lensnet_setup_irqs()',
    ),
  );
  assert.ok(lines.includes('examples/lensdma.c:35:17: pci_msix_alloc_irq_at alloc device=pdev(pci) index=2 flags=MSIX -> dma->err_map in lensdma_probe()'));
  assert.ok(lines.includes('examples/lensbus.c:24:8: msi_domain_alloc_irqs_range alloc device=dev(device) domain=0 first=0 last=15 -> ret in lensbus_setup()'));
});

test('irqlens facts --format json: { tree, era, facts } with file, line, column, api, kind and resolved arguments', async () => {
  const r = await run(['facts', '--jobs', '0', '--format', 'json', 'examples/lensdma.c']);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out) as {
    tree: string;
    era: { era: string };
    facts: { file: string; line: number; column: number; api: string; kind: string; index?: { value?: number; chain: string[] } }[];
  };
  assert.equal(j.era.era, 'per-domain');
  assert.deepEqual(
    j.facts.map((f) => [f.file, f.line, f.column, f.api, f.kind]),
    [
      ['examples/lensdma.c', 28, 8, 'pci_alloc_irq_vectors', 'alloc'],
      ['examples/lensdma.c', 32, 7, 'pci_msix_can_alloc_dyn', 'query'],
      ['examples/lensdma.c', 35, 17, 'pci_msix_alloc_irq_at', 'alloc'],
      ['examples/lensdma.c', 44, 2, 'pci_free_irq_vectors', 'free'],
      ['examples/lensdma.c', 52, 2, 'pci_msix_free_irq', 'free'],
      ['examples/lensdma.c', 53, 2, 'pci_free_irq_vectors', 'free'],
    ],
  );
  assert.equal(j.facts[2]!.index!.value, 2);
  assert.deepEqual(j.facts[2]!.index!.chain, ['LENSDMA_ERR_VECTOR -> BIT(1)']);
});

test('usage errors exit 2; a missing path is a usage error', async () => {
  assert.equal((await run(['facts'])).code, 2);
  assert.equal((await run(['facts', '--format', 'xml', 'examples'])).code, 2);
  assert.equal((await run(['facts', '--jobs', 'x', 'examples'])).code, 2);
  const missing = await run(['facts', 'no/such/dir']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no\/such\/dir: no such file or directory/);
});

test('a reader that closes the pipe early (`irqlens facts . | head -c 1`) ends the CLI quietly', () => {
  const cli = join(root, 'dist', 'cli.js');
  // Output well beyond a pipe's buffer, so the CLI is still writing when `head` closes the pipe.
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-pipe-'));
  const calls = Array.from({ length: 4000 }, (_, i) => `\tpci_irq_vector(pdev, ${i});`).join('\n');
  writeFileSync(join(dir, 'many.c'), `static void many(struct pci_dev *pdev)\n{\n${calls}\n}\n`);
  // The CLI's status is what the shell's PIPESTATUS reports: 141 (as a SIGPIPE death reads), no stack trace.
  const r = spawnSync('bash', ['-c', 'node "$0" facts --format json . | head -c 1 >/dev/null; echo "status=${PIPESTATUS[0]}"', cli], {
    cwd: dir,
    encoding: 'utf8',
  });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.stdout.trim(), 'status=141');
  assert.equal(r.stderr, '');
});
