// Host-side validation of messages from the map webview (untrusted input).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseViewToHost } from '../../src/protocol/webview';

const site = { file: 'drivers/foo/foo.c', function: 'foo_probe', api: 'pci_irq_vector', range: { line: 3, column: 1, endLine: 3, endColumn: 15 } };

test('well-formed messages are accepted as they are', () => {
  assert.deepEqual(parseViewToHost({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseViewToHost({ type: 'reveal', site }), { type: 'reveal', site });
  assert.deepEqual(parseViewToHost({ type: 'state', state: { mode: 'table', zoom: {} } }), { type: 'state', state: { mode: 'table', zoom: {} } });
  assert.deepEqual(parseViewToHost({ type: 'simulate', device: 'pdev' }), { type: 'simulate', device: 'pdev' });
});

test('malformed or unknown messages are rejected', () => {
  assert.equal(parseViewToHost(null), undefined);
  assert.equal(parseViewToHost('ready'), undefined);
  assert.equal(parseViewToHost({ type: 'reveal', site: { ...site, range: { line: '3' } } }), undefined);
  assert.equal(parseViewToHost({ type: 'state', state: { mode: 'svg', zoom: {} } }), undefined);
  assert.equal(parseViewToHost({ type: 'runShell', command: 'rm -rf /' }), undefined);
});
