// Diagnostics over JSON-RPC: what didOpen publishes (the edited file first, then the rest of its
// driver directory), what an incremental edit changes, and that findings spanning files follow
// an edit of the other file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSession, change, brief } from './helpers';
import { repoRoot } from './lsp-client';

// The rule pages installed with the package, linked as file: URIs.
const docBase = `${pathToFileURL(join(repoRoot, 'docs', 'rules')).href}/`;

test('didOpen publishes exact diagnostics for the file, then for the other files of its driver', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  const diags = await s.client.waitForDiagnostics(main, 1);
  assert.deepEqual(brief(diags), ['23:20-23:34 2 msi/index-from-requested', '27:7-27:28 2 msi/dynamic-msix-unsupported']);
  for (const d of diags) {
    assert.equal(d.source, 'irqlens');
    assert.equal(d.codeDescription?.href, `${docBase}${String(d.code).replace('/', '-')}.md`);
  }
  assert.match(
    diags[0]!.message,
    /^pci_irq_vector\(\) on 'pdev': the loop bound QDRV_MAX_VECS is the count requested from pci_alloc_irq_vectors\(\) at qdrv_main\.c:20, which may grant as few as 1/,
  );
  assert.match(diags[1]!.message, /^pci_msix_alloc_irq_at\(\) on 'pdev': not guarded by pci_msix_can_alloc_dyn\(\)/);
  assert.deepEqual(
    diags.map((d) => d.relatedInformation),
    [
      [
        {
          location: { uri: main, range: { start: { line: 19, character: 8 }, end: { line: 19, character: 29 } } },
          message: 'pci_alloc_irq_vectors() requested up to QDRV_MAX_VECS here',
        },
      ],
      undefined,
    ],
  );
  // The other file of the directory: the probe order reaches qdrv_enable_events() in qdrv_irq.c.
  const irq = s.uri('qdrv_irq.c');
  const irqDiags = await s.client.waitForDiagnostics(irq);
  assert.deepEqual(brief(irqDiags), ['8:8-8:22 1 msi/msi-msix-exclusive', '25:8-25:29 1 msi/index-conflict']);
  assert.deepEqual(irqDiags[1]!.relatedInformation, [
    {
      location: { uri: irq, range: { start: { line: 21, character: 8 }, end: { line: 21, character: 29 } } },
      message: 'pci_alloc_irq_vectors() allocated index 0 of domain 0 here',
    },
  ]);
  const order = s.client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => (n.params as { uri: string }).uri);
  assert.deepEqual(order, [main, irq]);
  // The status bar's counts follow (irqlens/status, throttled).
  const status = await s.client.waitFor(() => s.client.notifications.find((n) => n.method === 'irqlens/status')?.params, 5000, 'irqlens/status');
  assert.deepEqual(status, { counts: { error: 2, warning: 2, info: 0 }, conflicts: 2, layout: 'per-domain' });
});

test('an incremental edit that bounds the loop by the returned count removes the warning', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(main, 1);
  // Line 22 (0-based): "\tfor (i = 0; i < QDRV_MAX_VECS; i++) {"; QDRV_MAX_VECS spans 17..30.
  s.client.notify('textDocument/didChange', change(main, 2, [22, 17], [22, 30], 'nvec'));
  const after = await s.client.waitForDiagnostics(main, 2);
  assert.deepEqual(brief(after), ['27:7-27:28 2 msi/dynamic-msix-unsupported']);
});

test('an edit of one file re-publishes the other file of the driver when its findings change', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  const irq = s.uri('qdrv_irq.c');
  await s.client.waitForDiagnostics(main, 1);
  await s.client.waitForDiagnostics(irq);
  const before = s.client.notifications.length;
  // Line 19 (0-based): "\tnvec = pci_alloc_irq_vectors(pdev, 1, QDRV_MAX_VECS, PCI_IRQ_MSIX);" -> no MSI-X at all.
  s.client.notify('textDocument/didChange', change(main, 2, [19, 0], [20, 0], '\tnvec = 1;\n'));
  await s.client.waitForDiagnostics(main, 2);
  const irqAfter = await s.client.waitFor(
    () => {
      const later = s.client.notifications
        .slice(before)
        .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === irq);
      return later.length > 0 ? (later[later.length - 1]!.params as { diagnostics: Parameters<typeof brief>[0] }).diagnostics : undefined;
    },
    5000,
    'qdrv_irq.c re-published',
  );
  assert.deepEqual(brief(irqAfter), ['25:8-25:29 1 msi/index-conflict']);
  // With nothing enabled the loop's pci_irq_vector(pdev, 1..8) fails too (drivers/pci/msi/api.c:pci_irq_vector).
  assert.deepEqual(brief(s.client.diagnosticsFor(main, 2)!.diagnostics), ['23:20-23:34 1 msi/vector-unallocated', '27:7-27:28 1 msi/dynamic-msix-unsupported']);
});

test('a keystroke that changes no MSI fact moves the diagnostics exactly where a full check puts them', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(main, 1);
  // Two spaces before "pci_irq_vector(" on line 23 (0-based), inside request_irq()'s arguments.
  s.client.notify('textDocument/didChange', change(main, 2, [23, 20], [23, 20], '  '));
  const typed = await s.client.waitForDiagnostics(main, 2);
  assert.deepEqual(brief(typed), ['23:22-23:36 2 msi/index-from-requested', '27:7-27:28 2 msi/dynamic-msix-unsupported']);
  // Delete them again, then one character inside a run of tabs before the dynamic allocation.
  s.client.notify('textDocument/didChange', change(main, 3, [23, 20], [23, 22], ''));
  assert.deepEqual(brief(await s.client.waitForDiagnostics(main, 3)), ['23:20-23:34 2 msi/index-from-requested', '27:7-27:28 2 msi/dynamic-msix-unsupported']);
  s.client.notify('textDocument/didChange', change(main, 4, [27, 1], [27, 1], ' '));
  const moved = await s.client.waitForDiagnostics(main, 4);
  // The same text opened afresh (full extraction and check) gives identical diagnostics.
  const text = (await import('node:fs')).readFileSync(`${s.root}/qdrv_main.c`, 'utf8').split('\n');
  text[27] = `\t ${text[27]!.slice(1)}`;
  s.client.notify('textDocument/didClose', { textDocument: { uri: main } });
  s.client.notify('textDocument/didOpen', { textDocument: { uri: main, languageId: 'c', version: 5, text: text.join('\n') } });
  const fresh = await s.client.waitForDiagnostics(main, 5);
  assert.deepEqual(moved, fresh);
  assert.deepEqual(brief(fresh), ['23:20-23:34 2 msi/index-from-requested', '27:8-27:29 2 msi/dynamic-msix-unsupported']);
});

test('closing an edited buffer re-checks the file as it is on disk', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(main, 1);
  s.client.notify('textDocument/didChange', change(main, 2, [22, 17], [22, 30], 'nvec'));
  assert.deepEqual(brief(await s.client.waitForDiagnostics(main, 2)), ['27:7-27:28 2 msi/dynamic-msix-unsupported']);
  const count = s.client.notifications.length;
  s.client.notify('textDocument/didClose', { textDocument: { uri: main } });
  const after = await s.client.waitFor(
    () => {
      const n = s.client.notifications.slice(count).find((x) => x.method === 'textDocument/publishDiagnostics' && (x.params as { uri: string }).uri === main);
      return n ? (n.params as { diagnostics: Parameters<typeof brief>[0] }).diagnostics : undefined;
    },
    5000,
    'publication after close',
  );
  assert.deepEqual(brief(after), ['23:20-23:34 2 msi/index-from-requested', '27:7-27:28 2 msi/dynamic-msix-unsupported']);
});

test('an edit of an included header re-extracts the files that include it, and closing it goes back to the disk', async (t) => {
  const s = await startSession('qdrv');
  t.after(() => s.dispose());
  const main = s.open('qdrv_main.c');
  assert.deepEqual(brief(await s.client.waitForDiagnostics(main, 1)), ['23:20-23:34 2 msi/index-from-requested', '27:7-27:28 2 msi/dynamic-msix-unsupported']);
  const header = s.open('qdrv.h');
  await s.client.waitForDiagnostics(header, 1);
  /** The next publication for qdrv_main.c after `action`. */
  const nextOfMain = async (action: () => void, what: string): Promise<string[]> => {
    const count = s.client.notifications.length;
    action();
    const d = await s.client.waitFor(
      () => {
        const n = s.client.notifications.slice(count).find((x) => x.method === 'textDocument/publishDiagnostics' && (x.params as { uri: string }).uri === main);
        return n ? (n.params as { diagnostics: Parameters<typeof brief>[0] }).diagnostics : undefined;
      },
      5000,
      what,
    );
    return brief(d);
  };
  // `#define QDRV_QUEUES 0` (unsaved): QDRV_MAX_VECS is 1, the one vector the request may grant.
  const typed = await nextOfMain(
    () => s.client.notify('textDocument/didChange', change(header, 2, [5, 20], [5, 21], '0')),
    'publication after the header edit',
  );
  assert.deepEqual(typed, ['27:7-27:28 2 msi/dynamic-msix-unsupported']);
  // Closed without saving: the disk's 8 queues again.
  const closed = await nextOfMain(() => s.client.notify('textDocument/didClose', { textDocument: { uri: header } }), 'publication after the header closed');
  assert.deepEqual(closed, ['23:20-23:34 2 msi/index-from-requested', '27:7-27:28 2 msi/dynamic-msix-unsupported']);
});
