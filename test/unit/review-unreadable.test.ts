// Review input that cannot be read says so with file:line instead of "No change in MSI findings"
// (issue 15): combined diffs, binary C changes, NUL bytes and UTF-16, broken base64, MIME nesting
// past postal-mime's limit. And `diff -ruN` / `git diff --no-index` creations are creations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const probe = '#include <linux/pci.h>\nstatic int foo_probe(struct pci_dev *pdev)\n{\n\treturn pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n}\n';
const bad =
  '#include <linux/pci.h>\nstatic int bar_probe(struct pci_dev *pdev)\n{\n\tpci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n\treturn pci_enable_msi(pdev);\n}\n';
const mailHead = (extra: string) =>
  `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH] foo: x\n${extra}\n`;

async function review(files: Record<string, string | Buffer>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-unread-'));
  try {
    mkdirSync(join(dir, 'tree/drivers/foo'), { recursive: true });
    writeFileSync(join(dir, 'tree/drivers/foo/a.c'), probe);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    let out = '';
    let err = '';
    const code = await main(['review', '--tree', 'tree', '--jobs', '0', ...args], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      cwd: dir,
      interactive: false,
    });
    return { code, out, err };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a combined-diff @@@ hunk is named with its line, not "No change"', async () => {
  const cc =
    'diff --cc drivers/foo/a.c\nindex 1,2..3\n--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@@ -1,1 -1,1 +1,1 @@@\n- #include <linux/pci.h>\n -#include <linux/pci.h>\n++#include <linux/pci.h>\n';
  const r = await review({ 'cc.patch': cc }, ['--patch', 'cc.patch']);
  assert.equal(
    r.out,
    '[1/1] cc.patch (cc.patch)\nCould not review:\n  cc.patch:5: combined-diff (merge) hunk "@@@ -1,1 -1,1 +1,1 @@@": IRQ Lens reads two-way diffs only; this hunk is not reviewed\n',
  );
});

test('a GIT binary patch to a C file is a problem with its line; to another file a note', async () => {
  const bin = (name: string) =>
    `diff --git a/${name} b/${name}\nnew file mode 100644\nindex 0000000..1111111\nGIT binary patch\nliteral 5\nMcmZQzU|?ckW&i{L0RR91\n\nliteral 0\nHcmV?d00001\n\n`;
  const c = await review({ 'bin.patch': bin('drivers/foo/b.c') }, ['--patch', 'bin.patch']);
  assert.equal(
    c.out,
    '[1/1] bin.patch (bin.patch)\nCould not review:\n  bin.patch:1: binary change to drivers/foo/b.c: its new content cannot be read, so it is not reviewed\n',
  );
  const fw = await review({ 'bin.patch': bin('firmware/fw.bin') }, ['--patch', 'bin.patch']);
  assert.equal(fw.out, '[1/1] bin.patch (bin.patch)\nNote: bin.patch:1: binary change to firmware/fw.bin skipped\nNo change in MSI findings or allocations.\n');
});

test('UTF-16 patches and mails (with or without a byte-order mark) are refused naming the file and line', async () => {
  const diff = '--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@ -1 +1 @@\n-#include <linux/pci.h>\n+#include <linux/pci.h> \n';
  const bom = await review({ 'u.patch': Buffer.from(`\ufeff${diff}`, 'utf16le') }, ['--patch', 'u.patch']);
  assert.deepEqual(
    [bom.code, bom.err],
    [2, 'irqlens review: u.patch:1: UTF-16 text (byte-order mark): IRQ Lens reads UTF-8; convert it first (iconv -f UTF-16 -t UTF-8)\n'],
  );
  const body = Buffer.concat([
    Buffer.from(mailHead('Content-Type: text/plain; charset=utf-16\nContent-Transfer-Encoding: 8bit\n')),
    Buffer.from(`m\n---\n${diff}`, 'utf16le'),
  ]);
  const mail = await review({ 'u.mbox': body }, ['--mbox', 'u.mbox']);
  assert.deepEqual(
    [mail.code, mail.err],
    [2, 'irqlens review: u.mbox:7: NUL bytes: binary data or UTF-16 text without a byte-order mark; patches are read as UTF-8 text\n'],
  );
});

test('broken base64 in a mail is named with its line, not decoded into "No change"', async () => {
  const good = Buffer.from('m\n---\n--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@ -1 +1 @@\n-#include <linux/pci.h>\n+#include <linux/pci.h> \n').toString(
    'base64',
  );
  const text =
    mailHead('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n') +
    `${good.slice(0, 60)}\n${good.slice(60, 100)}!!!*\n${good.slice(100)}\n`;
  const r = await review({ 'b.mbox': text }, ['--mbox', 'b.mbox']);
  assert.equal(
    r.out,
    "[1/1] foo: x (b.mbox)\nCould not review:\n  b.mbox:8: broken base64 (a character outside the base64 alphabet): the mail's text cannot be decoded from here, so its patch is not reviewed\n",
  );
});

test('more than 256 nested MIME parts: FILE:LINE and exit 2, not an internal error', async () => {
  let body = 'm\n';
  for (let k = 300; k > 0; k--) body = `Content-Type: multipart/mixed; boundary="b${k}"\n\n--b${k}\n${body}\n--b${k}--\n`;
  const r = await review({ 'deep.mbox': mailHead('MIME-Version: 1.0') + body }, ['--mbox', 'deep.mbox']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^irqlens review: deep\.mbox:2: cannot read this mail: .+\n$/);
});

test('diff -ruN and git diff --no-index between two directories create files, as GNU patch reads them', async () => {
  const ruN = `diff -ruN o/drivers/foo/new.c n/drivers/foo/new.c\n--- o/drivers/foo/new.c\t1970-01-01 00:00:00.000000000 +0000\n+++ n/drivers/foo/new.c\t2026-12-03 09:49:06.805824068 +0000\n@@ -0,0 +1,6 @@\n${bad
    .split('\n')
    .slice(0, -1)
    .map((l) => `+${l}`)
    .join('\n')}\n`;
  const noIndex = `diff --git a/n/drivers/foo/new.c b/n/drivers/foo/new.c\nnew file mode 100644\nindex 0000000..f29c80b\n--- /dev/null\n+++ b/n/drivers/foo/new.c\n@@ -0,0 +1,6 @@\n${bad
    .split('\n')
    .slice(0, -1)
    .map((l) => `+${l}`)
    .join('\n')}\n`;
  for (const text of [ruN, noIndex]) {
    const r = await review({ 'c.patch': text }, ['--patch', 'c.patch', '--format', 'json']);
    const json = JSON.parse(r.out) as { patches: { problems: string[]; findings: { kind: string; finding: { file: string; code: string } }[] }[] };
    assert.deepEqual(json.patches[0]!.problems, []);
    // The created driver's unchecked allocation, its MSI enable while MSI-X is on, and the error return that leaks.
    assert.deepEqual(json.patches[0]!.findings.map((f) => `${f.kind} ${f.finding.file} ${f.finding.code}`).sort(), [
      'introduced tree/drivers/foo/new.c msi/leak',
      'introduced tree/drivers/foo/new.c msi/msi-msix-exclusive',
      'introduced tree/drivers/foo/new.c msi/result-unchecked',
    ]);
  }
});

test('a hunk header with an absurd line number is refused, and one past the end of the file fails at once (found by the fuzz suite: jsdiff stepped line by line from it)', async () => {
  const huge = '--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@ -190071992547409920,1 +1,1 @@\n-#include <linux/pci.h>\n+#include <linux/pci.h> \n';
  const r = await review({ 'h.patch': huge }, ['--patch', 'h.patch']);
  assert.deepEqual(
    [r.code, r.err],
    [2, 'irqlens review: h.patch:3: hunk "@@ -190071992547409920,1 +1,1 @@" names a line or count over 10000000: no source file is that long\n'],
  );
  const far = '--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@ -9000000,1 +9000000,1 @@\n-#include <linux/pci.h> x\n+#include <linux/pci.h> \n';
  const t0 = performance.now();
  const f = await review({ 'f.patch': far }, ['--patch', 'f.patch']);
  assert.ok(performance.now() - t0 < 5000, `took ${Math.round(performance.now() - t0)} ms`);
  assert.equal(
    f.out,
    '[1/1] f.patch (f.patch)\nCould not review:\n  f.patch:3: hunk 1 of drivers/foo/a.c (@@ -9000000,1 +9000000,1 @@) does not apply to the tree\n',
  );
});
