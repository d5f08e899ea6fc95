// `irqlens review --format mail`: reply drafts that thread under each patch with findings, quote
// only the hunk lines they discuss, and never carry a control character to a terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { main } from '../../src/cli/main';
import { splitMbox } from '../../src/review/mbox';

const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'review-mail');
const scenarios = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'review');
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, interactive: false });
  return { code, out, err };
}

/** The lines of a single draft's body (after its headers). */
function bodyLines(mail: string): string[] {
  return mail.slice(mail.indexOf('\n\n') + 2).split('\n');
}

function parsed(mbox: string): Promise<PostalMime.Email[]> {
  return Promise.all(splitMbox(mbox).map((m) => PostalMime.parse(m.text)));
}

test('one reply, to the patch with findings only: threaded under it, to its author, its recipients in Cc', async () => {
  const r = await run(['review', '--tree', 'tree', '--mbox', 'series-v2.mbox', '--format', 'mail'], fixture);
  assert.equal(r.code, 1);
  assert.equal(r.out, readFileSync(join(fixture, 'replies-v2.mbox'), 'utf8'));
  const [reply, ...more] = await parsed(r.out);
  assert.equal(more.length, 0, 'patch 1/2 only fixes: no reply to it');
  assert.equal(reply.subject, 'Re: [PATCH v2 2/2] qux: enable MSI for link events on older firmware');
  assert.equal(reply.inReplyTo, '<20250603100002.v2.2-ada@example.org>');
  assert.equal(reply.references, '<cover.v2.qux.20250603@example.org> <20250603100002.v2.2-ada@example.org>');
  assert.deepEqual(
    reply.to?.map((a) => a.address),
    ['ada@example.org'],
  );
  assert.deepEqual(
    reply.cc?.map((a) => a.address),
    ['tm@example.org', 'linux-pci@lists.example.org', 'br@example.org'],
  );
  // Quotes only what it discusses: the @@ line, 3 lines above the first finding's line, the next two.
  const quoted = (reply.text ?? '').split('\n').filter((l) => l.startsWith('>'));
  assert.equal(quoted.length, 1 + 4 + 2);
  assert.ok(!controls.test(r.out));
});

test('the reply says where the finding sits right below the quoted line, and which patch fixes what', async () => {
  const text = readFileSync(join(fixture, 'replies-v2.mbox'), 'utf8').split('\n');
  const at = text.indexOf('> +\tret = pci_enable_msi(pdev);');
  assert.deepEqual(text.slice(at + 1, at + 3), ['', "pci_enable_msi() on 'pdev': can't enable MSI (MSI-X already enabled)"]);
  assert.ok(text.includes('  drivers/misc/qux/qux.c:10: pci_alloc_irq_vectors() enabled MSI-X here'), 'the other half of the conflict, with file:line');
  assert.ok(
    text.some((l) => l.startsWith('Assuming order: from probe qux_probe()')),
    'the assumption it rests on',
  );
  assert.ok(text.includes('  MSI_MAX_DEVICE_IRQDOMAINS = 1]. (msi/vector-unallocated, patch 1/2)'), 'the fix of the series');
});

test('nothing from the patch reaches the terminal as a control character, and no header can be injected', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-mail-'));
  try {
    const evil = readFileSync(join(fixture, 'series-v2.mbox'), 'utf8')
      .replace(
        'Subject: [PATCH v2 2/2] qux: enable MSI for link events on older firmware',
        `Subject: =?UTF-8?B?${Buffer.from('[PATCH v2 2/2] qux:\x1b[31m red\nBcc: evil@example.org').toString('base64')}?=`,
      )
      .replace(
        'From: Ada Dev <ada@example.org>\nDate: Tue, 3 Jun 2025 10:00:02',
        'From: =?UTF-8?Q?J=C3=B6rg_=07Dev?= <ada@example.org>\nDate: Tue, 3 Jun 2025 10:00:02',
      )
      .replace(
        '+\t * enable it as well so that the link handler is called.',
        '+\t * enable it as well \x1b]0;owned\x07\u202e so that the link handler is called.',
      );
    writeFileSync(join(dir, 'evil.mbox'), evil);
    const r = await run(['review', '--tree', join(fixture, 'tree'), '--mbox', 'evil.mbox', '--format', 'mail'], dir);
    assert.equal(r.code, 1);
    assert.ok(!controls.test(r.out), 'no control character in the draft');
    assert.ok(r.out.includes('> +\t * enable it as well \\x1b]0;owned\\x07\\u202e so that the link handler is called.'));
    const [reply] = await parsed(r.out);
    assert.equal(reply.subject, 'Re: [PATCH v2 2/2] qux:\\x1b[31m red\\x0aBcc: evil@example.org');
    assert.equal(reply.bcc, undefined);
    assert.deepEqual(reply.to, [{ name: 'Jörg \\x07Dev', address: 'ada@example.org' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out DIR writes NNNN-re.eml per reply and nothing on stdout; --out needs --format mail', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-mail-out-'));
  try {
    const r = await run(['review', '--tree', join(fixture, 'tree'), '--mbox', join(fixture, 'series-v2.mbox'), '--format', 'mail', '--out', 'replies'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.deepEqual(readdirSync(join(dir, 'replies')), ['0002-re.eml']);
    assert.equal(r.err, `irqlens review: wrote ${join(dir, 'replies', '0002-re.eml')}\n`);
    const mbox = readFileSync(join(fixture, 'replies-v2.mbox'), 'utf8');
    assert.equal(readFileSync(join(dir, 'replies', '0002-re.eml'), 'utf8'), mbox.slice(mbox.indexOf('\n') + 1));
    const text = await run(['review', '--tree', join(fixture, 'tree'), '--mbox', join(fixture, 'series-v2.mbox'), '--out', 'x'], dir);
    assert.equal(text.code, 2);
    assert.deepEqual(readdirSync(dir), ['replies']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a finding a later patch takes back says so; a header change that breaks untouched files names them once', async () => {
  const series = await run(['review', '--tree', 'tree', '--mbox', 'series.mbx', '--format', 'mail'], join(scenarios, '07-introduce-then-fix'));
  assert.equal(splitMbox(series.out).length, 1);
  assert.ok(series.out.endsWith('\nPatch 3/3 of this series removes it again.\n'));
  assert.doesNotMatch(series.out, /The series fixes/, 'introduced and fixed again: nothing to credit');
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-mail-header-'));
  try {
    const src = join(scenarios, '09-domain-id-added-to-msi-api');
    cpSync(join(src, 'tree', 'include'), join(dir, 'tree', 'include'), { recursive: true });
    for (let k = 0; k < 7; k++) cpSync(join(src, 'tree', 'drivers', 'misc', 'foo', 'foo.c'), join(dir, 'tree', 'drivers', `d${k}`, 'd.c'));
    const header = join(dir, 'tree', 'include', 'linux', 'msi_api.h');
    writeFileSync(header, readFileSync(header, 'utf8').replace('\tMSI_DEFAULT_DOMAIN,\n', '\tMSI_DEFAULT_DOMAIN,\n\tMSI_SECONDARY_DOMAIN,\n'));
    const patch = readFileSync(join(src, 'series', '0001-genirq-msi-add-a-secondary-device-domain.patch'), 'utf8');
    writeFileSync(
      join(dir, 'remove.patch'),
      patch.replace('+\tMSI_SECONDARY_DOMAIN,', '-\tMSI_SECONDARY_DOMAIN,').replace('@@ -2,6 +2,7 @@', '@@ -2,7 +2,6 @@'),
    );
    const r = await run(['review', '--tree', 'tree', '--patch', 'remove.patch', '--format', 'mail'], dir);
    const body = bodyLines(r.out);
    assert.deepEqual(body.slice(1, 9), [
      '> @@ -2,7 +2,6 @@',
      '>  #define LINUX_MSI_API_H',
      '>  enum msi_domain_ids {',
      '>  \tMSI_DEFAULT_DOMAIN,',
      '> -\tMSI_SECONDARY_DOMAIN,',
      '',
      'This breaks drivers/d0/d.c:10, drivers/d1/d.c:10, drivers/d2/d.c:10,',
      'drivers/d3/d.c:10, drivers/d4/d.c:10 and 2 more files, which the patch',
    ]);
    assert.equal(body.filter((l) => l.startsWith('This breaks')).length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a patch without findings gets no reply; with --show-unchanged one that still has a finding does', async () => {
  const none = await run(['review', '--tree', 'tree', '--patch', 'series', '--format', 'mail'], join(scenarios, '03-move-only'));
  assert.deepEqual([none.code, none.out], [0, '']);
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-mail-unchanged-'));
  try {
    writeFileSync(
      join(dir, 'comment.patch'),
      [
        '--- a/drivers/misc/qux/qux.c',
        '+++ b/drivers/misc/qux/qux.c',
        '@@ -11,3 +11,4 @@ static int qux_probe(struct pci_dev *pdev, const struct pci_device_id *id)',
        ' \tif (ret < 0)',
        ' \t\treturn ret;',
        '+\t/* the event interrupt */',
        ' \tret = pci_irq_vector(pdev, 6);',
        '',
      ].join('\n'),
    );
    const args = ['review', '--tree', join(fixture, 'tree'), '--patch', 'comment.patch', '--format', 'mail'];
    assert.equal((await run(args, dir)).out, '');
    const r = await run([...args, '--show-unchanged'], dir);
    assert.equal(r.code, 0);
    const body = bodyLines(r.out);
    assert.deepEqual(body.slice(0, 8), [
      'comment.patch reads:',
      '> @@ -11,3 +11,4 @@ static int qux_probe(struct pci_dev *pdev, const struct pci_device_id *id)',
      '>  \tif (ret < 0)',
      '>  \t\treturn ret;',
      '> +\t/* the event interrupt */',
      '>  \tret = pci_irq_vector(pdev, 6);',
      '',
      "pci_irq_vector() on 'pdev': index 6 has no associated descriptor in",
    ]);
    assert.match(r.out, /^From irqlens [^\n]*\nSubject: Re: comment\.patch\nMIME-Version: 1\.0\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
