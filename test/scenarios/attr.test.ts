// Attribution scenarios (msi-semantics §4.7): each directory under test/scenarios/attr/ holds C
// files and optionally a topology (topology.json or topology.txt, lspci). Every C file's header
// lists the attribution findings it must produce (`expect: code@line severity`, or
// `expect: none`); `bind: DRIVER=BDF` lines become --bind pairs. The real engine runs:
// workspace scan -> facts -> checkTree with the topology. Only attr/* findings and the two
// capability rules a topology feeds (msi/msix-table-overflow, msi/multi-msi-limit) are compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTree } from '../../src/engine/check-tree';
import { loadTopology, type Topology } from '../../src/model/iommu/index';
import { analyzeTree } from '../../src/engine/analyze-tree';

const dir = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'attr');
const compared = /^attr\/|^msi\/msix-table-overflow$|^msi\/multi-msi-limit$/;

function header(text: string): string[] {
  return (/^\/\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '').split('\n').map((l) => l.replace(/^\s*\*?\s?/, '').trim());
}

function expectations(text: string, file: string): string[] {
  const lines = header(text)
    .filter((l) => l.startsWith('expect:'))
    .map((l) => l.slice(7).trim());
  const none = lines.includes('none');
  assert.ok(none !== lines.some((l) => l !== 'none'), `${file}: header needs either 'expect: none' or expect lines`);
  return lines.filter((l) => l !== 'none').sort();
}

function topologyOf(scenario: string): Topology | undefined {
  for (const name of ['topology.json', 'topology.txt']) {
    const path = join(dir, scenario, name);
    if (!existsSync(path)) continue;
    const { topology, problems } = loadTopology({ path });
    assert.deepEqual(
      problems.filter((p) => p.severity !== 'info'),
      [],
      `${scenario}/${name}`,
    );
    return topology;
  }
  return undefined;
}

const scenarios = readdirSync(dir)
  .filter((d) => !d.includes('.'))
  .sort();

test('at least 12 attribution scenarios, at least 5 of them finding-free', () => {
  const cfiles = scenarios.flatMap((s) =>
    readdirSync(join(dir, s))
      .filter((f) => f.endsWith('.c'))
      .map((f) => readFileSync(join(dir, s, f), 'utf8')),
  );
  assert.ok(scenarios.length >= 12, `${scenarios.length} scenarios`);
  assert.ok(cfiles.filter((t) => /expect: none/.test(t)).length >= 5);
});

for (const scenario of scenarios) {
  test(`attr scenario ${scenario}`, async () => {
    const cwd = join(dir, scenario);
    const cfiles = readdirSync(cwd)
      .filter((f) => f.endsWith('.c'))
      .sort();
    const texts = new Map(cfiles.map((f) => [f, readFileSync(join(cwd, f), 'utf8')]));
    const bindings: Record<string, string> = {};
    for (const t of texts.values())
      for (const l of header(t))
        if (l.startsWith('bind:')) {
          const [k, v] = l.slice(5).trim().split('=');
          bindings[k!] = v!;
        }
    const tree = await analyzeTree(cfiles, { cwd, jobs: 0 });
    const topology = topologyOf(scenario);
    const result = checkTree(tree, { layout: 'auto', bindings, ...(topology ? { topology } : {}) });
    for (const file of cfiles) {
      const got = result.findings
        .filter((f) => f.file === file && compared.test(f.code))
        .map((f) => `${f.code}@${f.range.line} ${f.severity}`)
        .sort();
      const shown = result.findings
        .filter((f) => f.file === file)
        .map((f) => `  ${f.range.line}: ${f.severity}: ${f.message} [${f.code}]`)
        .join('\n');
      assert.deepEqual(got, expectations(texts.get(file)!, file), `${scenario}/${file}:\n${shown}`);
    }
  });
}

test("the map carries each device's attribution (owner, requester IDs, chain) for hovers", async () => {
  const cwd = join(dir, 's06-asm1083-two-users');
  const tree = await analyzeTree(['nic.c', 'capture.c'], { cwd, jobs: 0 });
  const result = checkTree(tree, { layout: 'auto', topology: topologyOf('s06-asm1083-two-users')! });
  const nic = result.map.devices.find((d) => d.key === 'nic.c:pdev')!;
  assert.deepEqual(nic.attribution?.owner, 'pdev (pci, written by 0000:04:00.0)');
  assert.deepEqual(nic.attribution?.requesterIds, ['0x0400']);
  assert.equal(nic.attribution?.chain[1], 'P = 0000:04:00.0 (pci_device_id table matches 10ec:8169)');
});
