// The one reader of user files (src/workspace/file-reader.ts): regular files only, never blocking
// on a FIFO, a size limit, and confinement to the tree by real path. Each reader of the project
// goes through it: the scan, the topology import, review (patch files, mboxes, series
// directories, the tree) and the language server's irqlens/reviewPatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scanScope } from '../../src/review/scan-scope';
import { parsePatchText } from '../../src/review/series';
import { readUserText } from '../../src/workspace/file-reader';
import { TreeBounds } from '../../src/workspace/tree-bounds';

const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** dist/cli.js with the wasm it loads, copied into a directory every user can enter and read. */
function readableBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-cli-'));
  for (const f of ['cli.js', 'tree-sitter-c.wasm', 'web-tree-sitter.wasm']) cpSync(join(dirname(cli), f), join(dir, f));
  chmodSync(dir, 0o755);
  return join(dir, 'cli.js');
}
const driver = '#include <linux/pci.h>\nstatic int foo_probe(struct pci_dev *pdev)\n{\n\treturn pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n}\n';
const leak =
  '#include <linux/pci.h>\nstatic int foo_probe(struct pci_dev *pdev)\n{\n\tpci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n\treturn pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSI);\n}\n';

/** A scratch directory: tree/ with one driver, secret/ and outside/ next to it (never to be read). */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-files-'));
  for (const d of ['tree/drivers/foo', 'secret', 'outside']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'tree/drivers/foo/a.c'), driver);
  writeFileSync(join(dir, 'secret/key.c'), leak);
  writeFileSync(join(dir, 'outside/o.c'), leak);
  return dir;
}

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, 'mkfifo works here');
}

/** Runs the CLI in a child with a deadline, so a hang fails the test instead of wedging the runner. */
function irqlens(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.error !== undefined };
}

const patchOf = (from: string, to: string) =>
  `--- ${from}\n+++ ${to}\n@@ -4,1 +4,1 @@\n-\tpci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n+\tpci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);\n`;

test('readUserText: a FIFO, a directory, an oversized file and UTF-16 are refused with a reason; a UTF-8 BOM is dropped', (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkfifo(join(dir, 'pipe.c'));
  assert.deepEqual(readUserText(join(dir, 'pipe.c')), { ok: false, kind: 'not-regular', message: 'not a regular file (device, FIFO or socket): skipped' });
  assert.equal(readUserText(join(dir, 'tree')).ok, false);
  assert.deepEqual(readUserText(join(dir, 'secret/key.c'), { maxBytes: 10 }), {
    ok: false,
    kind: 'too-large',
    message: 'file is 0.0 MB, over the 0.0 MB read limit: skipped',
  });
  writeFileSync(join(dir, 'u16.txt'), Buffer.from('\ufeffhello', 'utf16le'));
  const u16 = readUserText(join(dir, 'u16.txt'));
  assert.equal(u16.ok ? 'read' : u16.kind, 'not-utf8');
  writeFileSync(join(dir, 'bom.json'), '\ufeff{}');
  assert.deepEqual(readUserText(join(dir, 'bom.json')), { ok: true, text: '{}' });
});

test('TreeBounds: a symbolic link inside the tree that leads outside is refused, naming the link; one that stays inside is fine', (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync('../outside', join(dir, 'tree/link'));
  symlinkSync('foo', join(dir, 'tree/drivers/same'));
  const bounds = new TreeBounds([join(dir, 'tree')], (abs) => abs.slice(dir.length + 1));
  const out = readUserText(join(dir, 'tree/link/o.c'), { bounds });
  assert.deepEqual(out, {
    ok: false,
    kind: 'outside',
    message: 'beyond a symbolic link: tree/link -> ../outside leads outside the tree; tree/link/o.c not read',
  });
  assert.equal(readUserText(join(dir, 'tree/drivers/same/a.c'), { bounds }).ok, true);
  assert.equal(bounds.refusalOfPath(join(dir, 'tree/drivers')), undefined);
});

test('review: a/../secret/key.c, a/../../x and "a/..\\057x" are refused and nothing outside --tree is listed or read', (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const names = [
    ['a/../secret/key.c', 'b/../secret/key.c'],
    ['a/../../x.c', 'b/../../x.c'],
    ['"a/..\\057secret/key.c"', '"b/..\\057secret/key.c"'],
  ];
  names.forEach(([from, to], k) => writeFileSync(join(dir, `p${k}.patch`), patchOf(from!, to!)));
  const mbox = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH] foo: outside\n\nmessage\n---\n${patchOf('a/../secret/key.c', 'b/../secret/key.c')}`;
  writeFileSync(join(dir, 'm.mbox'), mbox);
  const shown = ['../secret/key.c', '../../x.c', '../secret/key.c'];
  for (let k = 0; k < names.length; k++) {
    const r = irqlens(['review', '--tree', 'tree', '--patch', `p${k}.patch`, '--format', 'json', '--show-unchanged'], dir);
    const json = JSON.parse(r.stdout) as { patches: { problems: string[]; findings: unknown[] }[] };
    assert.deepEqual(json.patches[0]!.problems, [`p${k}.patch:1: ${shown[k]} is outside the tree: not applied`]);
    assert.deepEqual(json.patches[0]!.findings, [], 'the outside file was not analysed');
  }
  const m = irqlens(['review', '--tree', 'tree', '--mbox', 'm.mbox', '--format', 'json', '--show-unchanged'], dir);
  const mj = JSON.parse(m.stdout) as { patches: { problems: string[]; findings: unknown[] }[] };
  assert.deepEqual(mj.patches[0]!.problems, ['m.mbox:7: ../secret/key.c is outside the tree: not applied']);
  assert.deepEqual(mj.patches[0]!.findings, []);
});

test('review: the directories a patch involves never include one outside the tree, by name or by link', async (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync('../outside', join(dir, 'tree/link'));
  const texts = [
    patchOf('a/../secret/key.c', 'b/../secret/key.c'),
    patchOf('a/../../x.c', 'b/../../x.c'),
    patchOf('"a/..\\057secret/key.c"', '"b/..\\057secret/key.c"'),
    `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH] x\n\nm\n---\n${patchOf('a/../secret/key.c', 'b/../secret/key.c')}`,
    patchOf('a/link/o.c', 'b/link/o.c'),
  ];
  for (const text of texts) assert.deepEqual(scanScope(join(dir, 'tree'), await parsePatchText(text, 'p.patch')), [], text);
  assert.deepEqual(scanScope(join(dir, 'tree'), await parsePatchText(patchOf('a/drivers/foo/a.c', 'b/drivers/foo/a.c'), 'p.patch')), ['drivers/foo']);
});

test('review: a patch through a symbolic link out of the tree is refused naming the link; its target is never analysed', (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync('../outside', join(dir, 'tree/link'));
  writeFileSync(join(dir, 'l.patch'), patchOf('a/link/o.c', 'b/link/o.c'));
  const r = irqlens(['review', '--tree', 'tree', '--patch', 'l.patch', '--show-unchanged'], dir);
  assert.equal(
    r.stdout,
    '[1/1] l.patch (l.patch)\nCould not review:\n  l.patch:1: beyond a symbolic link: tree/link -> ../outside leads outside the tree; tree/link/o.c not read\n',
  );
  assert.equal(r.status, 0);
});

test('FIFOs never hang a reader: topology, check --topology, review --patch/--mbox and a series directory', (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkfifo(join(dir, 'fifo'));
  mkdirSync(join(dir, 'series'));
  mkfifo(join(dir, 'series', '0001-x.patch'));
  const fifo = 'not a regular file (device, FIFO or socket): skipped';
  const topo = irqlens(['topology', 'fifo'], dir);
  assert.deepEqual([topo.timedOut, topo.status, topo.stderr], [false, 1, `fifo:1:1: error: ${fifo}\n`]);
  const check = irqlens(['check', 'tree', '--topology', 'fifo'], dir);
  assert.equal(check.timedOut, false);
  assert.match(check.stderr, /^fifo:1:1: error: not a regular file \(device, FIFO or socket\): skipped\n/);
  for (const args of [
    ['--patch', 'fifo'],
    ['--mbox', 'fifo'],
  ]) {
    const r = irqlens(['review', '--tree', 'tree', ...args], dir);
    assert.deepEqual([r.timedOut, r.status, r.stderr], [false, 2, `irqlens review: fifo:1: ${fifo}\n`]);
  }
  const s = irqlens(['review', '--tree', 'tree', '--patch', 'series'], dir);
  assert.deepEqual([s.timedOut, s.status, s.stderr], [false, 2, `irqlens review: series/0001-x.patch:1: ${fifo}\n`]);
});

test('check: a C file that is a symbolic link out of the tree is refused naming the link', (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  symlinkSync('../../../secret/key.c', join(dir, 'tree/drivers/foo/key.c'));
  const r = irqlens(['check', 'tree', '--jobs', '0', '--format', 'json'], dir);
  const json = JSON.parse(r.stdout) as { findings: { file: string }[] };
  assert.deepEqual(json.findings, []);
  assert.equal(
    r.stderr,
    'tree/drivers/foo/key.c:1:1: error: beyond a symbolic link: tree/drivers/foo/key.c -> ../../../secret/key.c leads outside the tree; tree/drivers/foo/key.c not read\n',
  );
});

test('check: a FIFO named x.c and a directory it cannot list are each named, not skipped in silence', (t) => {
  const dir = scratch();
  t.after(() => {
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  mkfifo(join(dir, 'tree/drivers/foo/x.c'));
  mkdirSync(join(dir, 'tree/drivers/locked'));
  writeFileSync(join(dir, 'tree/drivers/locked/l.c'), leak);
  spawnSync('chmod', ['000', join(dir, 'tree/drivers/locked')]);
  spawnSync('chmod', ['755', dir]);
  // As root, permissions do not stop a listing: run the CLI as an unprivileged user then, from a
  // world-readable copy of the bundle (the checkout may sit under a directory only root can enter).
  const unprivileged = process.getuid?.() === 0;
  const asUser = unprivileged ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  const bundle = unprivileged ? readableBundle() : cli;
  if (unprivileged) t.after(() => rmSync(dirname(bundle), { recursive: true, force: true }));
  const [cmd, ...args] = [...asUser, process.execPath, bundle, 'check', 'tree', '--jobs', '0'];
  const r = spawnSync(cmd!, args, { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined, 'no hang');
  assert.equal(
    r.stderr,
    'tree/drivers/foo/x.c:1:1: error: not a regular file (device, FIFO or socket): skipped\n' +
      'tree/drivers/locked:1:1: error: cannot list this directory (permission denied): its files are not checked\n' +
      '0 errors, 0 warnings, 0 infos (per-domain layout)\n',
  );
});

test('review never writes the tree: a rename, a deletion and a new file leave every byte and mtime as they were', (t) => {
  const scenarios = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'review');
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-nowrite-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const state = (root: string): string[] =>
    (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((p) => `${p} ${statSync(p).mtimeMs} ${readFileSync(p, 'utf8').length}`);
  for (const name of ['11-rename-file', '12-new-driver-file', '13-delete-driver']) {
    cpSync(join(scenarios, name), join(dir, name), { recursive: true, preserveTimestamps: true });
    const before = state(join(dir, name));
    const r = irqlens(['review', '--tree', 'tree', '--patch', 'series', '--jobs', '0'], join(dir, name));
    assert.equal(r.timedOut, false);
    assert.deepEqual(state(join(dir, name)), before, name);
  }
});

test("a FIFO named drivers/pci/quirks.c does not hang the tree's quirk reader", (t) => {
  const dir = scratch();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'tree/drivers/pci'), { recursive: true });
  mkdirSync(join(dir, 'tree/include/linux'), { recursive: true });
  writeFileSync(join(dir, 'tree/include/linux/pci_ids.h'), '#define PCI_VENDOR_ID_X 0x1234\n');
  mkfifo(join(dir, 'tree/drivers/pci/quirks.c'));
  const module = join(__dirname, '..', '..', 'src', 'model', 'iommu', 'tree-quirks.js');
  const r = spawnSync(
    process.execPath,
    ['-e', `console.log(String(require(${JSON.stringify(module)}).quirksOfTree(process.argv[1])))`, join(dir, 'tree/drivers/foo')],
    { encoding: 'utf8', timeout: 20_000 },
  );
  assert.deepEqual([r.error, r.stdout], [undefined, 'undefined\n']);
});
