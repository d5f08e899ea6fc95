// Settings through workspace/configuration, re-read on didChangeConfiguration: per-rule
// severity (including off), the layout the map uses, and ill-typed values reported, not thrown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, startSession } from './helpers';

test('irqlens.severity turns a rule off or changes its severity, and the open file is re-published', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(main, 1);
  const count = s.client.notifications.length;
  s.client.settings = { backgroundScan: false, severity: { 'msi/index-from-requested': 'off', 'msi/dynamic-msix-unsupported': 'error' } };
  s.client.notify('workspace/didChangeConfiguration', { settings: null });
  const republished = await s.client.waitFor(
    () => {
      const later = s.client.notifications
        .slice(count)
        .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === main);
      return later[0] ? (later[0].params as { diagnostics: Parameters<typeof brief>[0] }).diagnostics : undefined;
    },
    5000,
    'main re-published',
  );
  assert.deepEqual(brief(republished), ['27:7-27:28 1 msi/dynamic-msix-unsupported']);
});

test('irqlens.layout is the default layout of irqlens/map; unknown values are logged and ignored', async (t) => {
  const s = await startSession('qdrv', { backgroundScan: false, layout: 'xarray' });
  t.after(() => s.dispose());
  s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(s.uri('qdrv_main.c'), 1);
  // Settings are read after `initialized`; wait until the map follows them.
  let map = await s.client.request<{ layout: string }>('irqlens/map', {});
  for (let i = 0; i < 50 && map.layout !== 'xarray'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    map = await s.client.request<{ layout: string }>('irqlens/map', {});
  }
  assert.equal(map.layout, 'xarray');
  s.client.settings = { backgroundScan: false, layout: 'tree', partitions: [{ name: 'x', domain: 0, first: 9, last: 1 }] };
  s.client.notify('workspace/didChangeConfiguration', { settings: null });
  const logged = await s.client.waitFor(
    () => {
      const logs = s.client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
      return logs.some((m) => m.startsWith('irqlens.partitions')) ? logs.filter((m) => m.startsWith('irqlens.')) : undefined;
    },
    5000,
    'settings warnings',
  );
  assert.deepEqual(logged, [
    "irqlens.layout: unknown layout 'tree' (expected auto, list, xarray, partitioned, per-domain)",
    'irqlens.partitions: ignored {"name":"x","domain":0,"first":9,"last":1} (expected {name, domain, first, last} with first <= last)',
  ]);
  assert.equal((await s.client.request<{ layout: string }>('irqlens/map', {})).layout, 'per-domain');
});
