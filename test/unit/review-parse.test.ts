import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePatchText, parsePlainDiff, readSeriesFiles } from '../../src/review/series';
import { splitMbox, looksLikeMail } from '../../src/review/mbox';
import { PatchError } from '../../src/review/types';

const mail = [
  'From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001',
  'From: Ada Dev <ada@example.org>',
  'Date: Tue, 3 Jun 2025 10:00:00 +0200',
  'Subject: [PATCH v2 2/3] foo: allocate the queue vectors',
  '',
  'Allocate the queue vectors with pci_alloc_irq_vectors().',
  '',
  'Fixes: 0123456789ab ("foo: add queues")',
  'Signed-off-by: Ada Dev <ada@example.org>',
  '---',
  ' drivers/foo/foo.c | 2 +-',
  ' 1 file changed, 1 insertion(+), 1 deletion(-)',
  '',
  'diff --git a/drivers/foo/foo.c b/drivers/foo/foo.c',
  'index 1111111..2222222 100644',
  '--- a/drivers/foo/foo.c',
  '+++ b/drivers/foo/foo.c',
  '@@ -1,3 +1,3 @@',
  ' int a;',
  '-int b;',
  '+int c;',
  ' int d;',
  '-- ',
  '2.39.5',
  '',
].join('\n');

test('mail: subject, trailers, diffstat and diff are told apart, lines map to the mail', async () => {
  const [p] = await parsePatchText(mail, 'x.patch');
  assert.equal(p.subject, 'foo: allocate the queue vectors');
  assert.equal(p.message, 'Allocate the queue vectors with pci_alloc_irq_vectors().');
  assert.deepEqual(
    p.trailers.map((t) => [t.key, t.line]),
    [
      ['Fixes', 8],
      ['Signed-off-by', 9],
    ],
  );
  assert.deepEqual(p.diffstat, [' drivers/foo/foo.c | 2 +-', ' 1 file changed, 1 insertion(+), 1 deletion(-)']);
  assert.equal(p.files.length, 1);
  const f = p.files[0];
  assert.deepEqual([f.oldPath, f.newPath, f.change, f.headerLine], ['drivers/foo/foo.c', 'drivers/foo/foo.c', 'modified', 14]);
  assert.equal(f.hunks[0].headerLine, 18);
  assert.deepEqual(f.hunks[0].lineNumbers, [19, 20, 21, 22]);
  assert.equal(p.author, 'Ada Dev <ada@example.org>');
});

test('CRLF mail parses like LF mail, with the same line numbers', async () => {
  const [p] = await parsePatchText(mail.replace(/\n/g, '\r\n'), 'crlf.patch');
  assert.equal(p.files[0].hunks[0].headerLine, 18);
  assert.deepEqual(p.files[0].hunks[0].lines, [' int a;', '-int b;', '+int c;', ' int d;']);
  assert.equal(p.diffstat.length, 2);
});

test('quoted-printable body is decoded, and soft line breaks keep later lines mapped', async () => {
  const qp = [
    'From: Ada <ada@example.org>',
    'Subject: [PATCH] foo: qp',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Caf=C3=A9 fix.',
    '---',
    'diff --git a/f.c b/f.c',
    '--- a/f.c',
    '+++ b/f.c',
    '@@ -1,2 +1,2 @@',
    ' int x =3D 1;',
    '-int y =3D 2; /* a long line that is soft =',
    'wrapped */',
    '+int y =3D 3;',
    '',
  ].join('\n');
  const [p] = await parsePatchText(qp, 'qp.patch');
  assert.equal(p.message, 'Café fix.');
  const h = p.files[0].hunks[0];
  assert.deepEqual(h.lines, [' int x = 1;', '-int y = 2; /* a long line that is soft wrapped */', '+int y = 3;']);
  assert.deepEqual(h.lineNumbers, [12, 13, 15]);
});

test('\\ No newline at end of file stays in the hunk and does not count', () => {
  const p = parsePlainDiff(['--- a/f.c', '+++ b/f.c', '@@ -1 +1 @@', '-int a;', '\\ No newline at end of file', '+int a;', ''].join('\n'), 'nl.diff', 1);
  assert.deepEqual(p.files[0].hunks[0].lines, ['-int a;', '\\ No newline at end of file', '+int a;']);
  assert.deepEqual(p.files[0].hunks[0].lineNumbers, [4, 5, 6]);
});

test('git extended headers: rename, new, deleted, binary, mode-only', () => {
  const text = [
    'diff --git a/drivers/old.c b/drivers/new.c',
    'similarity index 90%',
    'rename from drivers/old.c',
    'rename to drivers/new.c',
    'index 1..2 100644',
    '--- a/drivers/old.c',
    '+++ b/drivers/new.c',
    '@@ -1 +1 @@',
    '-a',
    '+b',
    'diff --git a/drivers/added.c b/drivers/added.c',
    'new file mode 100644',
    'index 0000000..3',
    '--- /dev/null',
    '+++ b/drivers/added.c',
    '@@ -0,0 +1 @@',
    '+int x;',
    'diff --git a/drivers/gone.c b/drivers/gone.c',
    'deleted file mode 100644',
    'index 3..0000000',
    '--- a/drivers/gone.c',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-int y;',
    'diff --git a/fw.bin b/fw.bin',
    'index 4..5 100644',
    'Binary files a/fw.bin and b/fw.bin differ',
    'diff --git a/run.sh b/run.sh',
    'old mode 100644',
    'new mode 100755',
    '',
  ].join('\n');
  const p = parsePlainDiff(text, 'ext.diff', 1);
  assert.deepEqual(
    p.files.map((f) => [f.change, f.oldPath, f.newPath, f.headerLine]),
    [
      ['renamed', 'drivers/old.c', 'drivers/new.c', 1],
      ['added', null, 'drivers/added.c', 11],
      ['deleted', 'drivers/gone.c', null, 18],
      ['binary', 'fw.bin', 'fw.bin', 25],
      ['mode-only', 'run.sh', 'run.sh', 28],
    ],
  );
});

test('a hunk with too few lines for its header is an error naming file, line and hunk', () => {
  const text = ['--- a/f.c', '+++ b/f.c', '@@ -1,3 +1,3 @@', ' a', '-b', '+c', 'diff --git a/g.c b/g.c', ''].join('\n');
  assert.throws(
    () => parsePlainDiff(text, 'bad.diff', 1),
    (e: unknown) =>
      e instanceof PatchError &&
      e.file === 'bad.diff' &&
      e.line === 7 &&
      /hunk "@@ -1,3 \+1,3 @@" at line 3 declares 3 old and 3 new lines but ends after 2 old and 2 new/.test(e.message),
  );
});

test('a hunk with more lines than its header declares is an error', () => {
  const text = ['--- a/f.c', '+++ b/f.c', '@@ -1,2 +1,2 @@', ' a', '-b', '+c', '+d', ''].join('\n');
  assert.throws(
    () => parsePlainDiff(text, 'long.diff', 1),
    (e: unknown) => e instanceof PatchError && e.line === 7 && /but its body has more/.test(e.message),
  );
});

test('mbox: split on From lines only, cover letter skipped, series ordered by [PATCH n/m]', async () => {
  const msg = (n: number, body: string) =>
    [`From 000000000000000000000000000000000000000${n} Mon Sep 17 00:00:00 2001`, 'From: A <a@b.c>', `Subject: [PATCH ${n}/2] s${n}`, '', body, ''].join('\n');
  const diff = (n: number) =>
    ['Msg.', 'From a quoted line that is not a separator', '---', `--- a/f${n}.c`, `+++ b/f${n}.c`, '@@ -1 +1 @@', '-x', '+y', ''].join('\n');
  const mbox = [msg(2, diff(2)), msg(0, 'Cover letter text.'), msg(1, diff(1))].join('\n');
  assert.equal(splitMbox(mbox).length, 3);
  const series = await parsePatchText(mbox, 's.mbx');
  assert.deepEqual(
    series.map((p) => [p.index, p.subject, p.files[0].newPath]),
    [
      [1, 's1', 'f1.c'],
      [2, 's2', 'f2.c'],
    ],
  );
  assert.match(series[0].notes[0], /^s\.mbx:\d+: "s0" has no diff \(cover letter or reply\): skipped$/);
  assert.equal(series[1].files[0].hunks[0].headerLine, 10);
});

test('a bare diff is not taken for a mail; a mail header block is', () => {
  assert.equal(looksLikeMail('diff --git a/x b/x\n'), false);
  assert.equal(looksLikeMail('From: a@b\nSubject: x\n\nbody\n'), true);
  assert.equal(looksLikeMail('Index: x\n--- x\n'), false);
});

test('bad input names the file: missing file, empty directory, text without a diff, cover letter only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-bad-'));
  try {
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'prose.patch'), 'Just some words.\nNo diff here.\n');
    writeFileSync(
      join(dir, 'cover.mbx'),
      'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: a@b.c\nSubject: [PATCH 0/3] cover\n\nHello.\n',
    );
    const message = async (p: string) =>
      readSeriesFiles([p], dir).then(
        () => 'no error',
        (e: unknown) => (e instanceof PatchError ? e.message : String(e)),
      );
    assert.equal(await message('missing.patch'), 'missing.patch:1: no such file or directory');
    assert.equal(await message('empty'), 'empty:1: no .patch, .diff, .mbx or .mbox files in this directory');
    assert.equal(await message('prose.patch'), 'prose.patch:1: no diff in this file (no diff --git, ---/+++ or @@ lines)');
    assert.equal(await message('cover.mbx'), 'cover.mbx:1: no patch in this file (no diff found in any message)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('b4 .mbx: "From git@z" separators, Link trailers, patch numbers', async () => {
  const msg = (n: number) =>
    [
      'From git@z Thu Jan  1 00:00:00 1970',
      `Subject: [PATCH v3 ${n}/2] foo: step ${n}`,
      'From: Ada Dev <ada@example.org>',
      'Date: Tue, 03 Jun 2025 10:00:00 +0000',
      `Message-Id: <20250603-foo-v3-${n}@example.org>`,
      '',
      `Step ${n}.`,
      '',
      'Signed-off-by: Ada Dev <ada@example.org>',
      `Link: https://lore.example.org/r/20250603-foo-v3-${n}@example.org`,
      '---',
      ` f${n}.c | 2 +-`,
      '',
      `diff --git a/f${n}.c b/f${n}.c`,
      `--- a/f${n}.c`,
      `+++ b/f${n}.c`,
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '',
      '-- ',
      'b4 0.14.2',
      '',
    ].join('\n');
  const series = await parsePatchText(msg(1) + '\n' + msg(2), 'v3.mbx');
  assert.deepEqual(
    series.map((p) => [p.index, p.subject, p.messageId, p.trailers.map((t) => t.key).join(',')]),
    [
      [1, 'foo: step 1', '<20250603-foo-v3-1@example.org>', 'Signed-off-by,Link'],
      [2, 'foo: step 2', '<20250603-foo-v3-2@example.org>', 'Signed-off-by,Link'],
    ],
  );
  assert.equal(series[1].firstLine, 25);
  assert.equal(series[1].files[0].hunks[0].headerLine, 40);
});

test('base64 and multipart mails: the diff is decoded; lines found in a text part keep their place', async () => {
  const body = ['Fix it.', '---', '--- a/f.c', '+++ b/f.c', '@@ -1 +1 @@', '-a', '+b', ''].join('\n');
  const b64 = [
    'From: A <a@b.c>',
    'Subject: [PATCH] b64',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(body).toString('base64'),
    '',
  ].join('\n');
  const [p] = await parsePatchText(b64, 'b64.patch');
  assert.deepEqual(p.files[0].hunks[0].lines, ['-a', '+b']);
  assert.equal(p.message, 'Fix it.');
  const multi = [
    'From: A <a@b.c>',
    'Subject: [PATCH] multi',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="XX"',
    '',
    '--XX',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '--XX',
    'Content-Type: text/plain; name="x.txt"',
    'Content-Disposition: attachment; filename="x.txt"',
    '',
    'unrelated',
    '--XX--',
    '',
  ].join('\n');
  const [m] = await parsePatchText(multi, 'multi.patch');
  assert.deepEqual(m.files[0].hunks[0].lines, ['-a', '+b']);
  assert.equal(m.files[0].hunks[0].headerLine, 13);
  assert.deepEqual(m.files[0].hunks[0].lineNumbers, [14, 15]);
});

test('a directory of patches: NNNN- files in order, a cover letter without a diff is noted, not fatal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-dir-'));
  try {
    const mail = (n: number, body: string) => `From: A <a@b.c>\nSubject: [PATCH ${n}/2] s${n}\n\n${body}\n`;
    const diff = (n: number) => `---\n--- a/f${n}.c\n+++ b/f${n}.c\n@@ -1 +1 @@\n-x\n+y\n`;
    writeFileSync(join(dir, '0002-s2.patch'), mail(2, diff(2)));
    writeFileSync(join(dir, '0001-s1.patch'), mail(1, diff(1)));
    writeFileSync(join(dir, '0000-intro.patch'), mail(0, 'About this series.'));
    writeFileSync(join(dir, 'notes.txt'), 'not a patch');
    const series = await readSeriesFiles(['.'], dir);
    assert.deepEqual(
      series.map((p) => [p.index, p.source, p.subject]),
      [
        [1, '0001-s1.patch', 's1'],
        [2, '0002-s2.patch', 's2'],
      ],
    );
    assert.deepEqual(series[0].notes, ['0000-intro.patch: no diff (cover letter or notes): skipped']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
