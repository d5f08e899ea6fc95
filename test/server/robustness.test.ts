// Bad input never crashes the server: malformed JSON-RPC, unknown methods, invalid params,
// documents it does not know, a 20 MB buffer, bad command-line options; plus both transports
// and the shutdown/exit contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliPath, LspClient, repoRoot } from './lsp-client';
import { startSession } from './helpers';

test('unknown methods, malformed JSON and invalid params get LSP errors; the server keeps answering', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  await assert.rejects(s.client.request('irqlens/nonsense', {}), { code: -32601 });
  // A frame whose body is not JSON: vscode-jsonrpc reports it and drops the frame.
  s.client.writeRaw('Content-Length: 9\r\n\r\n{"id": 1,');
  await assert.rejects(s.client.request('irqlens/simulate', [1, 2]), { code: -32602, message: 'params: expected an object' });
  await assert.rejects(s.client.request('irqlens/simulate', { device: 7 }), { code: -32602, message: 'device: expected a device key (see irqlens/devices)' });
  await assert.rejects(s.client.request('irqlens/map', { layout: 'tree' }), {
    code: -32602,
    message: 'layout: expected one of list, xarray, partitioned, per-domain',
  });
  await assert.rejects(s.client.request('irqlens/devices', { scope: 'untitled:Untitled-1' }), {
    code: -32602,
    message: 'scope: not a file: URI: untitled:Untitled-1',
  });
  await assert.rejects(s.client.request('workspace/executeCommand', { command: 'irqlens.server.format' }), {
    code: -32602,
    message: "unknown command 'irqlens.server.format'",
  });
  // Requests about documents the server never saw: empty answers, not errors.
  const ghost = pathToFileURL(join(s.root, 'ghost.c')).href;
  assert.equal(await s.client.request('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } }), null);
  assert.deepEqual(
    await s.client.request('textDocument/codeAction', {
      textDocument: { uri: ghost },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    }),
    [],
  );
  s.client.notify('textDocument/didChange', { textDocument: { uri: ghost, version: 2 }, contentChanges: [{ text: 'x' }] });
  assert.deepEqual(await s.client.request('irqlens/devices', {}), await s.client.request('irqlens/devices', {}));
  assert.equal(s.client.proc.exitCode, null);
});

test('a 20 MB buffer gets one information diagnostic naming the limit, and hover stays fast', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const uri = pathToFileURL(join(s.root, 'huge.c')).href;
  const line = 'static int huge_fn(struct pci_dev *pdev) { return pci_irq_vector(pdev, 0); }\n';
  const text = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));
  s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
  const diags = await s.client.waitForDiagnostics(uri, 1, 15000);
  assert.deepEqual(diags, [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 3,
      source: 'irqlens',
      message: 'IRQ Lens does not analyse buffers over 8 MB live (this one is 20.0 MB); run `irqlens check` on the file instead.',
    },
  ]);
  const started = Date.now();
  assert.equal(await s.client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 52 } }), null);
  assert.ok(Date.now() - started < 1000, 'hover on the huge buffer answered within a second');
  // A huge buffer without any MSI name is simply clean.
  const plain = pathToFileURL(join(s.root, 'plain.h')).href;
  s.client.notify('textDocument/didOpen', { textDocument: { uri: plain, languageId: 'c', version: 1, text: '#define REG 1\n'.repeat(1_600_000) } });
  assert.deepEqual(await s.client.waitForDiagnostics(plain, 1, 15000), []);
});

test('shutdown then exit ends with status 0; exit without shutdown with status 1', async () => {
  const a = new LspClient();
  await a.initialize(join(repoRoot, 'test', 'server', 'fixtures', 'qdrv'));
  assert.deepEqual(await a.shutdown(), { code: 0, signal: null });
  const b = new LspClient();
  await b.initialize(join(repoRoot, 'test', 'server', 'fixtures', 'qdrv'));
  b.notify('exit');
  assert.deepEqual(await b.exited, { code: 1, signal: null });
});

test('a request before initialize is refused with ServerNotInitialized', async (t) => {
  const c = new LspClient();
  t.after(async () => {
    c.kill();
    await c.exited;
  });
  await assert.rejects(c.request('irqlens/devices', {}), { code: -32002 });
});

test('a bad transport option is a usage error with status 2, for both entries', () => {
  const cli = spawnSync(process.execPath, [cliPath, 'lsp', '--socket=5000'], { encoding: 'utf8' });
  assert.equal(cli.status, 2);
  assert.match(cli.stderr, /^irqlens lsp: unknown option '--socket=5000' \(expected --stdio or --node-ipc\)\n/);
  const server = spawnSync(process.execPath, [join(repoRoot, 'dist', 'server.js'), '--stdio', '--node-ipc'], { encoding: 'utf8' });
  assert.equal(server.status, 2);
  assert.equal(server.stderr, 'irqlens server: give one of --stdio or --node-ipc, not both\n');
});

test('dist/server.js speaks node IPC as vscode-languageclient starts it', async (t) => {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'server.js'), '--node-ipc', `--clientProcessId=${process.pid}`], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  t.after(() => child.kill('SIGKILL'));
  const reply = new Promise<{ id?: number; result?: { serverInfo?: { name: string } } }>((resolve) => {
    child.on('message', (m: { id?: number }) => {
      if (m.id === 1) resolve(m);
    });
  });
  const rootUri = pathToFileURL(join(repoRoot, 'test', 'server', 'fixtures', 'qdrv')).href;
  child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri, capabilities: {} } });
  assert.deepEqual((await reply).result?.serverInfo, { name: 'irqlens', version: '0.1.0' });
});

test("a buffer with NUL bytes gets the facts layer's problem as a diagnostic on line 1", async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const uri = pathToFileURL(join(s.root, 'blob.c')).href;
  s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text: 'int x = pci_irq_vector(pdev, 0);\u0000\u0001\n' } });
  assert.deepEqual(await s.client.waitForDiagnostics(uri, 1), [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 2,
      source: 'irqlens',
      message: 'file contains NUL bytes (binary, not C source): not analysed',
    },
  ]);
});

test('the server exits when the editor closes its stdin, instead of hanging', async () => {
  const c = new LspClient();
  await c.initialize(join(repoRoot, 'test', 'server', 'fixtures', 'qdrv'));
  c.proc.stdin.end();
  const exit = await Promise.race([c.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000))]);
  if (exit === 'hung') c.kill();
  assert.deepEqual(exit, { code: 1, signal: null });
});
