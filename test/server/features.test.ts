// Hover, code actions, code lens, the custom requests and workspace/executeCommand, over
// JSON-RPC against the real engine on the qdrv fixture driver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSession, type Session } from './helpers';

let s: Session;
let main: string;

before(async () => {
  s = await startSession('qdrv');
  main = s.open('qdrv_main.c');
  await s.client.waitForDiagnostics(main, 1);
});
after(() => s.dispose());

interface Hover {
  contents: { kind: string; value: string };
  range: unknown;
}

test('hover over an allocation shows the #define chain, the range touched, the store and the owner', async () => {
  const h = await s.client.request<Hover>('textDocument/hover', { textDocument: { uri: main }, position: { line: 19, character: 12 } });
  assert.equal(h.contents.kind, 'markdown');
  assert.equal(
    h.contents.value,
    [
      '`pci_alloc_irq_vectors(pdev, 1, QDRV_MAX_VECS, PCI_IRQ_MSIX)` — alloc, all eras',
      '',
      '- device: `pdev` (pci)',
      '- domain: `MSI_DEFAULT_DOMAIN (implied)` = 0',
      '- min: `1`',
      '- max: `QDRV_MAX_VECS` = 9 ← `QDRV_MAX_VECS -> (QDRV_QUEUES + 1)` ← `QDRV_QUEUES -> 8`',
      '- flags: `PCI_IRQ_MSIX`',
      '',
      '**Allocates** 0 (definite), 1..8 (possible) in domain 0 (MSI\\_DEFAULT\\_DOMAIN), per-domain layout (6.12-like per-domain (MSI\\_MAX\\_DEVICE\\_IRQDOMAINS = 1))',
      '',
      '**Store before this call**: empty',
      '',
      '**Owner**: pdev (pci)',
      '**Attribution**: owner O = pdev: pci device; the descriptors live in its msi.data',
      '**Requester ID**: unknown (no topology)',
    ].join('\n'),
  );
  assert.deepEqual(h.range, { start: { line: 19, character: 8 }, end: { line: 19, character: 67 } });
});

test('hover over a lookup in a loop shows the loop bound, the store before it and its finding', async () => {
  const h = await s.client.request<Hover>('textDocument/hover', { textDocument: { uri: main }, position: { line: 23, character: 23 } });
  const lines = h.contents.value.split('\n');
  assert.equal(lines[0], '`pci_irq_vector(pdev, i)` — lookup, all eras');
  assert.equal(lines[4], '- index: `i` in 0..8 (run-time value), loop variable bounded by `i < QDRV_MAX_VECS`');
  assert.deepEqual(lines.slice(8, 10), ['**Store before this call**:', '- domain 0: 0, 1..8? (hwsize unknown, mode msix)']);
  assert.equal(lines[15], '**Findings**:');
  assert.match(lines[16]!, /^- warning `msi\/index-from-requested`: pci\\_irq\\_vector\(\) on 'pdev': the loop bound QDRV\\_MAX\\_VECS is the count requested/);
});

test('hover outside any MSI call is null', async () => {
  assert.equal(await s.client.request('textDocument/hover', { textDocument: { uri: main }, position: { line: 0, character: 3 } }), null);
});

test('code actions on the loop warning: the bound fix as an exact edit, then Show in MSI map', async () => {
  const diags = s.client.diagnosticsFor(main, 1)!.diagnostics;
  const warning = diags.find((d) => d.code === 'msi/index-from-requested')!;
  const actions = await s.client.request<unknown[]>('textDocument/codeAction', {
    textDocument: { uri: main },
    range: warning.range,
    context: { diagnostics: [warning] },
  });
  assert.deepEqual(actions, [
    {
      title: 'Bound the loop by the allocated count: i < nvec',
      kind: 'quickfix',
      diagnostics: [warning],
      isPreferred: true,
      edit: { changes: { [main]: [{ range: { start: { line: 22, character: 17 }, end: { line: 22, character: 30 } }, newText: 'nvec' }] } },
    },
    {
      title: 'Show in MSI map',
      kind: '',
      command: {
        title: 'Show in MSI map',
        command: 'irqlens.server.showMap',
        arguments: [{ scope: main, focus: { uri: main, line: 23, column: 20 }, device: 'qdrv_main.c:pdev' }],
      },
    },
  ]);
});

test('the unguarded dynamic MSI-X allocation gets the pci_msix_can_alloc_dyn guard as a fix', async () => {
  const warning = s.client.diagnosticsFor(main, 1)!.diagnostics.find((d) => d.code === 'msi/dynamic-msix-unsupported')!;
  const actions = await s.client.request<{ title: string; edit?: unknown }[]>('textDocument/codeAction', {
    textDocument: { uri: main },
    range: warning.range,
    context: { diagnostics: [warning] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Return -EOPNOTSUPP unless pci_msix_can_alloc_dyn(pdev)', 'Show in MSI map'],
  );
  assert.deepEqual(actions[0]!.edit, {
    changes: {
      [main]: [
        {
          range: { start: { line: 27, character: 0 }, end: { line: 27, character: 0 } },
          newText: '\tif (!pci_msix_can_alloc_dyn(pdev))\n\t\treturn -EOPNOTSUPP;\n',
        },
      ],
    },
  });
});

test('code actions filtered by context.only keep only quick fixes', async () => {
  const warning = s.client.diagnosticsFor(main, 1)!.diagnostics[0]!;
  const actions = await s.client.request<{ title: string }[]>('textDocument/codeAction', {
    textDocument: { uri: main },
    range: warning.range,
    context: { diagnostics: [warning], only: ['quickfix'] },
  });
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Bound the loop by the allocated count: i < nvec'],
  );
});

test('irqlens/devices lists the driver device with its files', async () => {
  assert.deepEqual(await s.client.request('irqlens/devices', {}), [
    { key: 'qdrv_irq.c:pdev', label: 'pdev', class: 'pci', files: ['qdrv_irq.c'] },
    { key: 'qdrv_main.c:pdev', label: 'pdev', class: 'pci', files: ['qdrv_main.c'] },
  ]);
});

test('irqlens/simulate replays the probe order; executeCommand gives the same result', async () => {
  const sim = await s.client.request<{
    device: string;
    order: string;
    entry: string;
    rootUri: string;
    steps: { site: { api: string; file: string; range: { line: number } }; outcome: string }[];
  }>('irqlens/simulate', { device: 'qdrv_main.c:pdev' });
  assert.equal(sim.device, 'qdrv_main.c:pdev');
  assert.equal(sim.order, 'probe');
  assert.equal(sim.entry, 'qdrv_probe');
  assert.equal(sim.rootUri, `file://${s.root}`);
  assert.deepEqual(
    sim.steps.map((st) => `${st.site.file}:${st.site.range.line} ${st.site.api} ${st.outcome}`),
    [
      'qdrv_main.c:20 pci_alloc_irq_vectors ok',
      'qdrv_main.c:24 pci_irq_vector possible-error',
      'qdrv_main.c:28 pci_msix_alloc_irq_at ok',
      'qdrv_irq.c:9 pci_enable_msi error',
    ],
  );
  // pci_enable_msi() always fails here (MSI-X is on) and probe returns its errno: remove never runs.
  const viaCommand = await s.client.request('workspace/executeCommand', { command: 'irqlens.server.simulate', arguments: [{ device: 'qdrv_main.c:pdev' }] });
  assert.deepEqual(viaCommand, sim);
  const oneFunction = await s.client.request<typeof sim>('irqlens/simulate', { device: 'qdrv_main.c:pdev', function: 'qdrv_enable_events' });
  assert.deepEqual(
    oneFunction.steps.map((st) => st.site.api),
    ['pci_enable_msi'],
  );
});

test('irqlens/simulate of an unknown device is an LSP error naming it', async () => {
  await assert.rejects(s.client.request('irqlens/simulate', { device: 'nope.c:x' }), {
    code: -32001,
    message: "unknown device 'nope.c:x' (see irqlens/devices)",
  });
});

test('irqlens/map draws the device with definite and possible blocks; showMap returns the same map', async () => {
  type Map = {
    layout: string;
    rootUri: string;
    devices: {
      key: string;
      domains: { domain: number; allocations: { first: number; last: number; certainty: string; site: { api: string } }[]; conflicts: { code: string }[] }[];
    }[];
  };
  const map = await s.client.request<Map>('irqlens/map', {});
  assert.equal(map.layout, 'per-domain');
  assert.equal(map.rootUri, `file://${s.root}`);
  assert.deepEqual(
    map.devices.map((d) => d.key),
    ['qdrv_irq.c:pdev', 'qdrv_main.c:pdev'],
  );
  const dom = map.devices[1]!.domains[0]!;
  assert.deepEqual(
    dom.allocations.map((a) => `${a.first}..${a.last} ${a.certainty} ${a.site.api}`),
    ['0..0 definite pci_alloc_irq_vectors', '1..8 possible pci_alloc_irq_vectors', '1..1 possible pci_msix_alloc_irq_at'],
  );
  assert.deepEqual(
    dom.conflicts.map((c) => c.code),
    ['msi/index-from-requested', 'msi/dynamic-msix-unsupported', 'msi/msi-msix-exclusive'],
  );
  const shown = await s.client.request('workspace/executeCommand', { command: 'irqlens.server.showMap', arguments: [{ scope: main }] });
  assert.deepEqual(shown, map);
  const partitioned = await s.client.request<Map>('irqlens/map', { layout: 'partitioned' });
  assert.equal(partitioned.layout, 'partitioned');
});

test('code lens is off by default and lists "Simulate (N operations)" once enabled', async () => {
  assert.deepEqual(await s.client.request('textDocument/codeLens', { textDocument: { uri: main } }), []);
  s.client.settings = { backgroundScan: false, codeLens: { enable: true } };
  s.client.notify('workspace/didChangeConfiguration', { settings: null });
  let titles: string[] = [];
  for (let i = 0; i < 50 && titles.length === 0; i++) {
    const got = await s.client.request<{ command: { title: string; arguments: unknown[] }; range: { start: { line: number } } }[]>('textDocument/codeLens', {
      textDocument: { uri: main },
    });
    titles = got.map((l) => `${l.range.start.line} ${l.command.title} ${JSON.stringify(l.command.arguments)}`);
    if (titles.length === 0) await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(titles, [`11 Simulate (3 operations) [{"device":"qdrv_main.c:pdev","function":"qdrv_probe","scope":"${main}"}]`]);
});
