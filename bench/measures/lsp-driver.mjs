// Drives `irqlens lsp --stdio` for the language-server measurements (run by lsp.mjs in its own
// process, so GNU time can measure it): prints one JSON line with the numbers.
//   node lsp-driver.mjs keystroke TREE FILE   open FILE, then time edit -> diagnostics for that version
//   node lsp-driver.mjs scan TREE              time initialized -> end of the background scan's progress
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { LspClient } = createRequire(join(root, 'package.json'))(join(root, 'out', 'test', 'server', 'lsp-client.js'));

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function keystroke(tree, file) {
  const client = new LspClient();
  client.settings = { backgroundScan: false };
  await client.initialize(tree);
  const uri = pathToFileURL(join(tree, file)).href;
  const text = readFileSync(join(tree, file), 'utf8');
  let t = performance.now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
  await client.waitForDiagnostics(uri, 1, 60000);
  const openMs = performance.now() - t;
  // Type and delete a space inside the first function that calls pci_alloc_irq_vectors (or any MSI call).
  const at = text.search(/\b(pci_alloc_irq_vectors|pci_enable_msix_range|pci_irq_vector|pci_enable_msi)\s*\(/);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - before.lastIndexOf('\n') - 1;
  const times = [];
  for (let v = 2; v <= 41; v++) {
    const insert = v % 2 === 0;
    const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert ? ' ' : '' }] });
    await client.waitForDiagnostics(uri, v, 60000);
    times.push(performance.now() - t);
  }
  await client.shutdown();
  times.sort((a, b) => a - b);
  return { openMs, medianMs: percentile(times, 50), p90Ms: percentile(times, 90), maxMs: times[times.length - 1], edits: times.length };
}

async function scan(tree) {
  const client = new LspClient();
  client.settings = { backgroundScan: true };
  const t = performance.now();
  await client.initialize(tree);
  const ended = () => client.notifications.some((n) => n.method === '$/progress' && n.params.value.kind === 'end') || undefined;
  await client.waitFor(ended, 600000, 'scan end');
  const scanMs = performance.now() - t;
  const published = new Set(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => n.params.uri)).size;
  const log =
    client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => n.params.message)
      .find((m) => m.startsWith('irqlens: scanned')) ?? '';
  await client.shutdown();
  return { scanMs, published, log };
}

const [mode, tree, file] = process.argv.slice(2);
const result = mode === 'keystroke' ? await keystroke(tree, file) : await scan(tree);
process.stdout.write(`${JSON.stringify(result)}\n`);
