import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTree } from '../../src/engine/analyze-tree';
import type { FileProblem, TreeFacts } from '../../src/facts/types';

const goodDriver = `#include <linux/pci.h>
static int good_probe(struct pci_dev *pdev)
{
\treturn pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
}
`;

/** Deterministic "random" bytes (xorshift), so a failure reproduces. */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function makeBadTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'irqlens-bad-'));
  chmodSync(root, 0o755);
  writeFileSync(join(root, 'good.c'), goodDriver);
  writeFileSync(join(root, 'random.c'), Buffer.concat([Buffer.from('pci_irq_vector(pdev, 0);\n'), noise(4096)]));
  writeFileSync(
    join(root, 'truncated.c'),
    `${goodDriver}static void cut(struct pci_dev *pdev)\n{\n\tpci_free_irq_vectors(pdev);\n\tif (pdev->msi_enabled) {\n\t\tpci_disable_m`,
  );
  const filler = '/* padding line of a generated file, not C that anyone wrote by hand */\n';
  writeFileSync(join(root, 'huge.c'), goodDriver + filler.repeat(Math.ceil((20 * 1024 * 1024) / filler.length)));
  writeFileSync(join(root, 'secret.c'), goodDriver);
  chmodSync(join(root, 'secret.c'), 0o000);
  symlinkSync('gone.c', join(root, 'dangling.c'));
  spawnSync('mkfifo', [join(root, 'pipe.c')]);
  return root;
}

/** A crawl lists a FIFO with a C name (its read names it); given by name it must not hang the read either. */
const paths = ['.', 'missing-dir', 'pipe.c'];

const repo = join(__dirname, '..', '..', '..');

/**
 * The transpiled engine and the packages it loads, copied where user nobody can read them: the
 * checkout itself may sit under a directory only root can enter (a clone in a mktemp dir, /root).
 */
function readableCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-code-'));
  cpSync(join(repo, 'out', 'src'), join(dir, 'out', 'src'), { recursive: true });
  for (const pkg of ['fdir', 'web-tree-sitter', 'tree-sitter-c']) cpSync(join(repo, 'node_modules', pkg), join(dir, 'node_modules', pkg), { recursive: true });
  for (const d of [dir, join(dir, 'out'), join(dir, 'node_modules')]) chmodSync(d, 0o755);
  return dir;
}

const script = (code: string): string => `
const { analyzeTree } = require(${JSON.stringify(join(code, 'out', 'src', 'engine', 'analyze-tree.js'))});
analyzeTree(JSON.parse(process.argv[2]), { cwd: process.argv[1], jobs: 2 }).then((t) => process.stdout.write(JSON.stringify(t)));
`;

/** As root every file is readable: run the scan as user nobody so 000 permissions bite. */
async function scanAsUnprivileged(root: string): Promise<TreeFacts> {
  if (process.getuid?.() !== 0) return analyzeTree(paths, { cwd: root, jobs: 2 });
  const code = readableCopy();
  try {
    const r = spawnSync(process.execPath, ['-e', script(code), root, JSON.stringify(paths)], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 << 20,
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as TreeFacts;
  } finally {
    rmSync(code, { recursive: true, force: true });
  }
}

test('bad input: every bad file gets a clear problem naming it, good files still give facts', { timeout: 90_000 }, async () => {
  const root = makeBadTree();
  try {
    const tree = await scanAsUnprivileged(root);
    const problems: FileProblem[] = tree.files.flatMap((f) => f.problems);
    const byFile = new Map(problems.map((p) => [p.file, p]));
    assert.deepEqual(byFile.get('missing-dir'), { file: 'missing-dir', line: 1, column: 1, severity: 'error', message: 'no such file or directory' });
    assert.deepEqual(byFile.get('dangling.c'), {
      file: 'dangling.c',
      line: 1,
      column: 1,
      severity: 'error',
      message: 'dangling symbolic link: its target does not exist',
    });
    assert.deepEqual(byFile.get('secret.c'), { file: 'secret.c', line: 1, column: 1, severity: 'error', message: 'cannot read: permission denied' });
    assert.deepEqual(byFile.get('pipe.c'), {
      file: 'pipe.c',
      line: 1,
      column: 1,
      severity: 'error',
      message: 'not a regular file (device, FIFO or socket): skipped',
    });
    assert.equal(byFile.get('random.c')?.severity, 'warning');
    assert.match(byFile.get('random.c')!.message, /^binary content \(NUL byte at offset \d+\): not C source, skipped$/);
    assert.deepEqual(byFile.get('huge.c'), {
      file: 'huge.c',
      line: 4,
      column: 1,
      severity: 'warning',
      message: 'file is 20.0 MB, over the 8.0 MB parse limit: not parsed (it names pci_alloc_irq_vectors)',
    });
    const calls = tree.files.flatMap((f) => f.facts.map((x) => `${x.file}:${x.range.line}:${x.api}`));
    assert.deepEqual(calls, ['good.c:4:pci_alloc_irq_vectors', 'truncated.c:4:pci_alloc_irq_vectors', 'truncated.c:8:pci_free_irq_vectors']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
