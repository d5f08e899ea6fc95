// irqlens.topology: the hover's attribution follows the topology (originating function and
// requester ID); a topology that cannot be read is reported in the log, and the rest works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSession } from './helpers';

async function hoverLines(settings: unknown): Promise<{ lines: string[]; logs: string[] }> {
  const s = await startSession('qdrv-topology', settings);
  try {
    const uri = s.open('tdrv_main.c');
    await s.client.waitForDiagnostics(uri, 1);
    // Settings arrive after `initialized`: hover until the attribution follows them.
    let lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      const h = await s.client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 19, character: 10 } });
      lines = h.contents.value.split('\n').filter((l) => l.startsWith('**Owner**') || l.startsWith('**Requester ID**'));
      if (lines[0]?.includes('written by') || settings === null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const logs = s.client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    return { lines, logs };
  } finally {
    await s.dispose();
  }
}

test('with irqlens.topology the hover names the PCI function that writes the message and its requester ID', async () => {
  const { lines } = await hoverLines({ backgroundScan: false, topology: 'topology.json' });
  assert.deepEqual(lines, ['**Owner**: pdev (pci), written by 0000:03:00.0', '**Requester ID**: 0x0300']);
});

test('without a topology the requester ID is unknown; an unreadable topology is logged with its path', async () => {
  assert.deepEqual((await hoverLines(null)).lines, ['**Owner**: pdev (pci)', '**Requester ID**: unknown (no topology)']);
  const { lines, logs } = await hoverLines({ backgroundScan: false, topology: 'missing.json' });
  assert.deepEqual(lines, ['**Owner**: pdev (pci)', '**Requester ID**: unknown (no topology)']);
  assert.ok(
    logs.some((m) => m.includes('missing.json')),
    logs.join('\n'),
  );
});
