// Hostile input to the language server (issue 15): special files behind custom requests, broken
// framing, wrong parameter types and reversed edit ranges. The server answers every later request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { change, startSession } from './helpers';

test('irqlens/reviewPatch on a FIFO is refused at once and the server keeps answering', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  assert.equal(spawnSync('mkfifo', [join(s.root, 'pipe.patch')]).status, 0);
  await assert.rejects(s.client.request('irqlens/reviewPatch', { uri: s.uri('pipe.patch') }), {
    code: -32602,
    message: 'uri: cannot read pipe.patch: not a regular file (device, FIFO or socket): skipped',
  });
  assert.ok(Array.isArray(await s.client.request('irqlens/devices', {})));
});

test('a frame with a Content-Length too long or too short: the server resynchronises on the next header, says so on stderr, and answers', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'irqlens/nothing' });
  // Too long: the declared 200 bytes would swallow the next request's header.
  s.client.writeRaw(`Content-Length: 200\r\n\r\n${body}`);
  assert.ok(Array.isArray(await s.client.request('irqlens/devices', {})), 'answered after a too-long frame');
  // Too short: the rest of the body sits where a header should start.
  s.client.writeRaw(`Content-Length: 10\r\n\r\n${body}`);
  assert.ok(Array.isArray(await s.client.request('irqlens/devices', {})), 'answered after a too-short frame');
  await s.client.waitFor(
    () =>
      s.client.stderr
        .join('')
        .split('\n')
        .filter((l) => l.includes('resynchronised')).length >= 2
        ? true
        : undefined,
    5000,
    'two resync notes',
  );
  assert.match(
    s.client.stderr.join(''),
    /^irqlens lsp: skipped \d+ bytes of input \(a frame whose Content-Length runs into the next header\); resynchronised on the next header$/m,
  );
  assert.match(
    s.client.stderr.join(''),
    /^irqlens lsp: skipped \d+ bytes of input \(bytes where a Content-Length header was expected\); resynchronised on the next header$/m,
  );
});

test('wrong parameter types on hover, code actions and code lenses answer -32602 naming the field', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const uri = s.open('qdrv_irq.c');
  await assert.rejects(s.client.request('textDocument/hover', { textDocument: { uri }, position: 'x' }), {
    code: -32602,
    message: 'position: expected { line, character } as whole numbers >= 0',
  });
  await assert.rejects(s.client.request('textDocument/hover', { textDocument: 5, position: { line: 0, character: 0 } }), {
    code: -32602,
    message: 'textDocument.uri: expected a URI string',
  });
  await assert.rejects(s.client.request('textDocument/codeAction', { textDocument: { uri }, range: 5, context: { diagnostics: [] } }), {
    code: -32602,
    message: 'range: expected { start, end }',
  });
  await assert.rejects(
    s.client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: 5 },
    }),
    { code: -32602, message: 'context.diagnostics: expected an array' },
  );
  // Found by the fuzz suite: null params reached vscode-languageserver's workDoneToken read first.
  for (const method of ['textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens', 'workspace/executeCommand']) {
    await assert.rejects(
      s.client.request(method, null),
      { code: -32602, message: method === 'workspace/executeCommand' ? "unknown command 'undefined'" : 'textDocument.uri: expected a URI string' },
      method,
    );
  }
  await assert.rejects(s.client.request('workspace/executeCommand', { command: 'irqlens.server.devices', arguments: 'x' }), {
    code: -32602,
    message: 'arguments: expected an array',
  });
  // Found by the fuzz suite: a scope vscode-uri cannot parse threw UriError (an internal error).
  await assert.rejects(s.client.request('irqlens/devices', { scope: '":Is' }), { code: -32602, message: 'scope: not a file: URI: ":Is' });
  // Found by the fuzz suite: notifications with null or partial params threw inside their handlers.
  s.client.notify('textDocument/didOpen', null);
  s.client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: 1 }, text: 'x' }] });
  s.client.notify('textDocument/didClose', {});
  s.client.notify('workspace/didChangeConfiguration', null);
  assert.ok(Array.isArray(await s.client.request('irqlens/devices', {})));
  const logs = s.client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  assert.deepEqual(
    logs.filter((m) => /failed with message/.test(m)),
    [],
  );
  assert.deepEqual(
    logs.filter((m) => / ignored: /.test(m)),
    [
      'irqlens: textDocument/didOpen ignored: textDocument.uri: expected a URI string',
      'irqlens: textDocument/didChange ignored: contentChanges[0].range.start: expected { line, character } as whole numbers >= 0',
      'irqlens: textDocument/didClose ignored: textDocument.uri: expected a URI string',
    ],
  );
  assert.equal(
    s.client.notifications.filter((n) => n.method === 'window/logMessage' && /request failed/.test(JSON.stringify(n.params))).length,
    0,
    'no stack trace logged',
  );
});

test('a didChange whose range is reversed is normalised: the version is analysed like the same edit written forwards', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const uri = s.open('qdrv_irq.c');
  const first = await s.client.waitForDiagnostics(uri, 1, 15000);
  // Insert a comment line at the top, then remove it again with the range written end first.
  s.client.notify('textDocument/didChange', change(uri, 2, [0, 0], [0, 0], '/* x */\n'));
  const forwards = await s.client.waitForDiagnostics(uri, 2, 15000);
  s.client.notify('textDocument/didChange', change(uri, 3, [1, 0], [0, 0], ''));
  const reversed = await s.client.waitForDiagnostics(uri, 3, 15000);
  assert.deepEqual(
    forwards.map((d) => d.range.start.line),
    first.map((d) => d.range.start.line + 1),
  );
  assert.deepEqual(reversed, first, 'removing the line again by a reversed range restores the first analysis');
});

test('hover Markdown and diagnostics never carry raw control characters from file names', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const name = 'x\u001bc\u001b[31m.c';
  const text =
    '#include <linux/pci.h>\nstatic int foo_probe(struct pci_dev *pdev)\n{\n\tpci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n\treturn pci_enable_msi(pdev);\n}\n';
  const uri = s.uri(name);
  s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
  const diags = await s.client.waitForDiagnostics(uri, 1, 15000);
  assert.ok(diags.length > 0);
  const hover = await s.client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } });
  const shown = [hover.contents.value, ...diags.map((d) => d.message)].join('\n');
  assert.match(shown, /x\\u001bc\\u001b\[31m\.c/, 'the file name is shown, escaped');
  assert.doesNotMatch(shown, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});
