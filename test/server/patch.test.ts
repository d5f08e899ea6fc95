// Open patches: the findings a patch would introduce, published on the patch's own lines, and
// the irqlens/reviewPatch request for a patch on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brief, startSession } from './helpers';

const patch = 'patches/0001-qdrv-enable-more.patch';

test('an open .patch gets the finding it introduces on its + line, related to the patched file', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const uri = s.uri(patch);
  s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'diff', version: 1, text: readFileSync(join(s.root, patch), 'utf8') } });
  const diags = await s.client.waitForDiagnostics(uri, 1, 15000);
  // Patch line 20 (1-based) is "+\treturn pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);".
  assert.deepEqual(brief(diags), ['19:0-19:1 1 msi/index-conflict']);
  assert.match(diags[0]!.message, /^pci_alloc_irq_vectors\(\) on 'pdev', domain 0: MSI-X is already enabled.* \(qdrv_irq\.c:19 after this patch\)\n/s);
  assert.deepEqual(
    diags[0]!.relatedInformation!.map((r) => `${r.location.uri.replace(`file://${s.root}/`, '')}:${r.location.range.start.line} ${r.message}`),
    ['qdrv_irq.c:18 in the patched file', 'qdrv_irq.c:15 pci_alloc_irq_vectors() allocated indices 0..3 of domain 0 here'],
  );
  // Editing the patch so the second allocation goes away re-reviews the newest text.
  const text = readFileSync(join(s.root, patch), 'utf8').replace('+\treturn pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);\n', '+\treturn 0;\n');
  s.client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  assert.deepEqual(await s.client.waitForDiagnostics(uri, 2, 15000), []);
});

test('irqlens/reviewPatch reviews a patch file on disk; a file that is no patch is a problem, not a crash', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const result = await s.client.request<{ findings: { code: string; file: string; range: { line: number } }[]; problems: string[]; mail: string }>(
    'irqlens/reviewPatch',
    { uri: s.uri(patch) },
  );
  assert.deepEqual(
    result.findings.map((f) => `${f.file}:${f.range.line} ${f.code}`),
    [`${patch}:20 msi/index-conflict`],
  );
  assert.deepEqual(result.problems, []);
  // the reply draft quotes the + line and puts the finding right below it
  const quoted = result.mail.split('\n').filter((l) => l.startsWith('> '));
  assert.equal(quoted[quoted.length - 1], '> +\treturn pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);');
  assert.match(
    result.mail,
    /^From irqlens .*\nSubject: Re: [^]*\n> \+\treturn pci_alloc_irq_vectors\(pdev, 1, 1, PCI_IRQ_MSIX\);\n\npci_alloc_irq_vectors\(\) on 'pdev', domain 0: MSI-X is already enabled/,
  );
  const notPatch = await s.client.request<{ findings: unknown[]; problems: string[] }>('irqlens/reviewPatch', { uri: s.uri('qdrv.h') });
  assert.deepEqual(notPatch.findings, []);
  assert.equal(notPatch.problems.length, 1);
  assert.match(notPatch.problems[0]!, /^qdrv\.h:1: /);
  await assert.rejects(s.client.request('irqlens/reviewPatch', { uri: s.uri('missing.patch') }), {
    code: -32602,
    message: /^uri: cannot read missing\.patch: ENOENT/,
  });
  const xarray = await s.client.request<{ findings: { message: string }[] }>('irqlens/reviewPatch', { uri: s.uri(patch), layout: 'xarray' });
  assert.deepEqual(
    xarray.findings.map((f) => /\[(\w+(-\w+)?) layout/.exec(f.message)?.[1]),
    ['xarray'],
  );
  await assert.rejects(s.client.request('irqlens/reviewPatch', { uri: s.uri(patch), layout: 'tree' }), { code: -32602 });
});
