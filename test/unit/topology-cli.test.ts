// `irqlens topology` through the real CLI dispatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const root = join(__dirname, '..', '..', '..');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['topology', ...argv], { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root, interactive: false });
  return { code, out, err };
}

test('text: the AST1150 bridge with its VGA below, alias and Intel IR mode', async () => {
  const r = await run('test/fixtures/topology/lspci/arm64-server-ampere-altra-devplatform-ast1150.txt');
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  const lines = r.out.split('\n');
  assert.equal(lines[0], 'test/fixtures/topology/lspci/arm64-server-ampere-altra-devplatform-ast1150.txt: 27 functions (lspci; IOMMU groups from the dump)');
  const i = lines.indexOf('  0004:01:00.0  [1a03:1150]  pcie-to-pci  group 8  MSI 1  RID 0x0100  ASPEED Technology, Inc. AST1150 PCI-to-PCI Bridge');
  assert.ok(i > 0, r.out);
  assert.deepEqual(lines.slice(i + 1, i + 4), [
    '    0004:02:00.0  [1a03:2000]  conventional  MSI 2  RID 0x0200  ASPEED Technology, Inc. ASPEED Graphics Family',
    '        aliases: 0x0200 via 0004:01:00.0 (PCIe-to-PCI bridge 0004:01:00.0 (secondary bus, devfn 00.0))',
    '        Intel IR: SVT_VERIFY_BUS 02..02 (bridge alias on another bus); ITS rid 0x0200',
  ]);
});

test('json: nested tree with requester IDs and capabilities', async () => {
  const r = await run('--format', 'json', 'test/fixtures/topology/lspci/arm64-board-radxa-orion-o6-cix-p1.txt');
  assert.equal(r.code, 0);
  const rep = JSON.parse(r.out) as { functions: number; roots: { bdf: string; children: { bdf: string; msix?: number; requesterIds: string[] }[] }[] };
  assert.equal(rep.functions, 6);
  assert.deepEqual(
    rep.roots.map((d) => d.bdf),
    ['0000:00:00.0', '0000:30:00.0', '0000:90:00.0'],
  );
  assert.deepEqual(
    rep.roots[2]!.children.map((c) => [c.bdf, c.msix, c.requesterIds]),
    [['0000:91:00.0', 33, ['0x9100']]],
  );
});

test('bad input: problems on stderr with file and line, exit 1; bad option: usage, exit 2', async () => {
  const r = await run('test/fixtures/topology/lspci/INDEX.tsv', '--input', 'lspci');
  assert.equal(r.code, 1);
  assert.match(r.err, /^test\/fixtures\/topology\/lspci\/INDEX\.tsv:1:1: warning: unrecognised line/);
  assert.match(r.err, /INDEX\.tsv:1:1: error: no PCI function headers found/);
  assert.equal((await run('x', '--format', 'xml')).code, 2);
  assert.equal((await run()).code, 2);
});

test('several files: a JSON array of reports, one per importable file', async () => {
  const r = await run('--format', 'json', 'test/fixtures/topology/lspci/board-ppc-freescale-p2020-domains.txt', 'test/fixtures/topology/sysfs/groups-ls-d.txt');
  assert.equal(r.code, 0);
  const reps = JSON.parse(r.out) as { format: string; functions: number }[];
  assert.deepEqual(
    reps.map((x) => [x.format, x.functions]),
    [
      ['lspci', 6],
      ['sysfs', 3],
    ],
  );
});

test("--device: one function's walk and every consumer's selection; unknown BDF is a usage error", async () => {
  const r = await run('test/fixtures/topology/lspci/laptop-fujitsu-p8010-ich8m-pci-cardbus-bridge.txt', '--device', '1d:00.0');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    [
      '0000:1d:00.0: pci_for_each_dma_alias emits',
      '  1. (0000:1d:00.0, 0x1d00) own RID',
      '  2. (0000:1c:03.0, 0x1c18) conventional PCI bridge 0000:1c:03.0 (bridge RID)',
      '  3. (0000:00:1e.0, 0x00f0) conventional PCI bridge 0000:00:1e.0 (bridge RID)',
      'IOMMU group: 6 (derived; the walk ends at 0000:00:1e.0)',
      'Intel IR (set_msi_sid case 3): SVT_VERIFY_SID_SQ SID 0x00f0 (bridge RID)',
      'ITS: rid 0x00f0; proxy device 0000:00:1e.0, alias count 0',
      'AMD IRT installed at: 0x1d00, 0x1c18, 0x00f0',
      'SMMU stream IDs (before iommu-map): 0x1d00, 0x1c18, 0x00f0',
      '',
    ].join('\n'),
  );
  assert.equal((await run('test/fixtures/topology/lspci/laptop-fujitsu-p8010-ich8m-pci-cardbus-bridge.txt', '--device', '1e:00.0')).code, 2);
});

test("bridges that loop over each other's buses: every function still printed, no hang", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-loop-'));
  const path = join(dir, 'loop.json');
  writeFileSync(
    path,
    JSON.stringify({
      functions: [
        { bdf: '01:00.0', pcie: 'conventional', bus: { secondary: 2, subordinate: 2 } },
        { bdf: '02:00.0', pcie: 'conventional', bus: { secondary: 1, subordinate: 1 } },
      ],
    }),
  );
  const r = await run(path);
  assert.equal(r.code, 0);
  assert.match(r.out, /note: bus 0000:0\d loops back on itself in the input; walk stopped/);
  assert.match(r.out, /note: bus numbers loop back through this function in the input; shown at top level/);
  assert.equal((r.out.match(/^0000:0[12]:00\.0 /gm) ?? []).length, 2);
});
