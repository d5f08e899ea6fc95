// The background scan: work-done progress the client can cancel, diagnostics for files nobody
// opened, the on-disk cache, and irqlens.server.rescan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brief, fixturesDir, startSession } from './helpers';
import { LspClient } from './lsp-client';

interface ProgressValue {
  kind: 'begin' | 'report' | 'end';
  title?: string;
  cancellable?: boolean;
}

function progress(client: LspClient): ProgressValue[] {
  return client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: ProgressValue }).value);
}

test('the scan reports progress, publishes diagnostics of unopened files and fills the disk cache', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: true });
  t.after(() => s.dispose());
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'end') ? true : undefined), 15000, 'progress end');
  const values = progress(s.client);
  assert.deepEqual(values[0], { kind: 'begin', title: 'IRQ Lens: scanning workspace', cancellable: true, message: 'finding MSI calls', percentage: 0 });
  assert.equal(values[values.length - 1]!.kind, 'end');
  assert.deepEqual(s.client.serverRequests.filter((r) => r.method === 'window/workDoneProgress/create').length, 1);
  assert.deepEqual(brief(await s.client.waitForDiagnostics(s.uri('qdrv_main.c'))), [
    '23:20-23:34 2 msi/index-from-requested',
    '27:7-27:28 2 msi/dynamic-msix-unsupported',
  ]);
  assert.deepEqual(brief(await s.client.waitForDiagnostics(s.uri('qdrv_irq.c'))), ['8:8-8:22 1 msi/msi-msix-exclusive', '25:8-25:29 1 msi/index-conflict']);
  const cacheRoot = join(s.root, '..', 'cache', 'irqlens');
  // Both caches are written just after the progress ends (the diagnostics go first), in either order.
  const files = (): string[] => (existsSync(cacheRoot) && readdirSync(cacheRoot).length ? readdirSync(join(cacheRoot, readdirSync(cacheRoot)[0]!)) : []);
  const written = (): true | undefined => (files().includes('checks.json') && files().includes('facts.json')) || undefined;
  for (let waited = 0; !written(); waited += 20) {
    assert.ok(waited < 5000, 'facts and check caches written within 5 s of the progress end');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual(readdirSync(join(cacheRoot, readdirSync(cacheRoot)[0]!)).sort(), ['checks.json', 'facts.json']);
  const status = s.client.notifications.filter((n) => n.method === 'irqlens/status').at(-1)!.params;
  assert.deepEqual(status, { counts: { error: 2, warning: 2, info: 0 }, conflicts: 2, layout: 'per-domain' });
  assert.deepEqual(await s.client.request('workspace/executeCommand', { command: 'irqlens.server.rescan', arguments: [] }), { files: 2, findings: 4 });
});

test('the scan does not wait for the client to create its progress: an end asked for first follows the begin', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: false });
  t.after(() => s.dispose());
  s.client.held.add('window/workDoneProgress/create');
  s.client.settings = { backgroundScan: true };
  s.client.notify('workspace/didChangeConfiguration', { settings: null });
  // The scan ends (its diagnostics are out) while the progress token is still being created.
  assert.deepEqual(brief(await s.client.waitForDiagnostics(s.uri('qdrv_irq.c'))), ['8:8-8:22 1 msi/msi-msix-exclusive', '25:8-25:29 1 msi/index-conflict']);
  await s.client.waitFor(
    () =>
      s.client.notifications.find((n) => n.method === 'window/logMessage' && String((n.params as { message: string }).message).startsWith('irqlens: scanned')),
    15000,
    'scan end',
  );
  assert.deepEqual(progress(s.client), []);
  s.client.release('window/workDoneProgress/create');
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'end') ? true : undefined), 5000, 'progress end');
  assert.deepEqual(
    progress(s.client).map((p) => p.kind),
    ['begin', 'end'],
  );
});

test('cancelling the progress stops the scan before it publishes anything', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: false });
  t.after(() => s.dispose());
  // A tree big enough that the scan is still running when the cancel arrives (generated here).
  for (let d = 0; d < 40; d++) {
    const dir = join(s.root, 'gen', `d${d}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 10; f++) {
      const body = Array.from({ length: 60 }, (_, i) => `static int f${i}(struct pci_dev *pdev) { return pci_irq_vector(pdev, ${i}); }`).join('\n');
      writeFileSync(join(dir, `f${f}.c`), `#include <linux/pci.h>\n${body}\n`);
    }
  }
  s.client.settings = { backgroundScan: true };
  s.client.notify('workspace/didChangeConfiguration', { settings: null });
  const create = await s.client.waitFor(() => s.client.serverRequests.find((r) => r.method === 'window/workDoneProgress/create'), 5000, 'progress create');
  const token = (create.params as { token: string | number }).token;
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'begin') ? true : undefined), 5000, 'progress begin');
  s.client.notify('window/workDoneProgress/cancel', { token });
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'end') ? true : undefined), 15000, 'progress end');
  const logs = s.client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  assert.ok(logs.includes('irqlens: workspace scan cancelled'), logs.join('\n'));
  const generated = s.client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri.includes('/gen/'));
  assert.equal(generated.length, 0);
});

test('irqlens.exclude leaves files out of the scan', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: true, exclude: ['qdrv_irq.c'] });
  t.after(() => s.dispose());
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'end') ? true : undefined), 15000, 'progress end');
  await s.client.waitForDiagnostics(s.uri('qdrv_main.c'));
  const published = new Set(s.client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => (n.params as { uri: string }).uri));
  assert.deepEqual([...published], [s.uri('qdrv_main.c')]);
});

test('a buffer opened while the scan runs gets its diagnostics before the scan ends', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: false });
  t.after(() => s.dispose());
  for (let d = 0; d < 10; d++) {
    const dir = join(s.root, 'gen', `d${d}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 8; f++) {
      const body = Array.from({ length: 60 }, (_, i) => `static int f${i}(struct pci_dev *pdev) { return pci_irq_vector(pdev, ${i}); }`).join('\n');
      writeFileSync(join(dir, `f${f}.c`), `#include <linux/pci.h>\n${body}\n`);
    }
  }
  s.client.settings = { backgroundScan: true };
  s.client.notify('workspace/didChangeConfiguration', { settings: null });
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'begin') ? true : undefined), 5000, 'progress begin');
  const main = s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(main, 1);
  assert.equal(
    progress(s.client).some((p) => p.kind === 'end'),
    false,
    'the scan had already ended: the tree is too small to show the order',
  );
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'end') ? true : undefined), 30000, 'progress end');
});

test('a reopened tree publishes the same diagnostics from the disk caches; a corrupt cache is logged and rebuilt', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: true });
  t.after(() => s.dispose());
  await s.client.waitFor(() => (progress(s.client).some((p) => p.kind === 'end') ? true : undefined), 15000, 'first scan');
  const first = [await s.client.waitForDiagnostics(s.uri('qdrv_main.c')), await s.client.waitForDiagnostics(s.uri('qdrv_irq.c'))];
  const cacheHome = join(s.root, '..', 'cache');
  const reopen = async (): Promise<{ diags: unknown[]; logs: string[] }> => {
    const c = new LspClient(['lsp', '--stdio'], { XDG_CACHE_HOME: cacheHome });
    c.settings = { backgroundScan: true };
    try {
      await c.initialize(s.root);
      await c.waitFor(() => (progress(c).some((p) => p.kind === 'end') ? true : undefined), 15000, 'scan of the reopened tree');
      const diags = [await c.waitForDiagnostics(s.uri('qdrv_main.c')), await c.waitForDiagnostics(s.uri('qdrv_irq.c'))];
      const logs = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
      return { diags, logs };
    } finally {
      await c.shutdown();
    }
  };
  const scanned = (logs: string[]): string | undefined => logs.find((m) => m.startsWith('irqlens: scanned'))?.replace(/[0-9]+ ms/g, 'N ms');
  const reopened = await reopen();
  assert.deepEqual(reopened.diags, first);
  assert.equal(
    scanned(reopened.logs),
    'irqlens: scanned 2 files with MSI calls in N ms (facts N ms, checks N ms, 1/1 directories from the check cache, 0 checked by the scan workers)',
  );
  const hashDir = join(cacheHome, 'irqlens', readdirSync(join(cacheHome, 'irqlens'))[0]!);
  writeFileSync(join(hashDir, 'checks.json'), '{"format": 1, "tool"');
  const again = await reopen();
  assert.deepEqual(again.diags, first);
  assert.equal(
    scanned(again.logs),
    'irqlens: scanned 2 files with MSI calls in N ms (facts N ms, checks N ms, 0/1 directories from the check cache, 0 checked by the scan workers)',
  );
  assert.ok(
    again.logs.some((m) => m.startsWith(`irqlens: ignoring a corrupt check cache ${join(hashDir, 'checks.json')}: `)),
    again.logs.join('\n'),
  );
  assert.equal(JSON.parse(readFileSync(join(hashDir, 'checks.json'), 'utf8')).format, 2);
});

test('in a kernel tree the scan workers check each directory as they scan it, with the diagnostics a check of the open file gives', async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'irqlens-scancheck-'));
  const root = join(tmp, 'linux');
  cpSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace', 'mini-kernel'), root, { recursive: true });
  cpSync(join(fixturesDir, 'qdrv'), join(root, 'drivers', 'net', 'qdrv'), { recursive: true });
  rmSync(join(root, 'drivers', 'net', 'qdrv', 'patches'), { recursive: true, force: true });
  const c = new LspClient(['lsp', '--stdio'], { XDG_CACHE_HOME: join(tmp, 'cache') });
  t.after(async () => {
    c.kill();
    await c.exited;
    rmSync(tmp, { recursive: true, force: true });
  });
  c.settings = { backgroundScan: true };
  await c.initialize(root);
  await c.waitFor(() => (progress(c).some((p) => p.kind === 'end') ? true : undefined), 15000, 'scan end');
  const logs = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  assert.equal(
    logs.find((m) => m.startsWith('irqlens: scanned'))?.replace(/[0-9]+ ms/g, 'N ms'),
    'irqlens: scanned 3 files with MSI calls in N ms (facts N ms, checks N ms, 0/2 directories from the check cache, 2 checked by the scan workers)',
  );
  const uri = (name: string): string => pathToFileURL(join(root, 'drivers', 'net', 'qdrv', name)).href;
  const scanned = brief(await c.waitForDiagnostics(uri('qdrv_irq.c')));
  assert.deepEqual(scanned, ['8:8-8:22 1 msi/msi-msix-exclusive', '25:8-25:29 1 msi/index-conflict']);
  // Opening the file checks its directory on the main thread: the same diagnostics.
  c.notify('textDocument/didOpen', {
    textDocument: { uri: uri('qdrv_irq.c'), languageId: 'c', version: 7, text: readFileSync(join(root, 'drivers', 'net', 'qdrv', 'qdrv_irq.c'), 'utf8') },
  });
  assert.deepEqual(brief(await c.waitForDiagnostics(uri('qdrv_irq.c'), 7)), scanned);
});
