// The sysfs and JSON importers, format detection, and bad input: every problem names a line,
// nothing throws, nothing is guessed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, resolveRequesterIds } from '../../src/model/iommu/index';
import { topologySchema } from '../../src/topology/schema';
import { topologyReport } from '../../src/model/iommu/topology-report';

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'topology');
const tmp = mkdtempSync(join(tmpdir(), 'irqlens-topo-'));

test('sysfs ls -l listing: groups, bridge chain from the symlink targets, unknown line reported', () => {
  const { topology, problems } = loadTopology({ path: join(fixtures, 'sysfs', 'groups-ls-l.txt') });
  assert.equal(topology.format, 'sysfs');
  assert.deepEqual(
    topology.functions.map((f) => [f.bdf, f.iommuGroup]),
    [
      ['0000:00:00.0', 0],
      ['0000:00:1c.0', 5],
      ['0000:00:1f.3', 7],
      ['0000:01:00.0', 5],
      ['0000:02:00.0', 5],
    ],
  );
  assert.deepEqual([topology.functions[1]!.secondary, topology.functions[1]!.subordinate], [1, 2]);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity]),
    [[5, 'warning']],
  );
  const w = resolveRequesterIds(topology, '02:00.0')!;
  assert.deepEqual(w.group, { id: 5, source: 'dump', anchor: '0000:02:00.0' });
  assert.equal(w.assumptions.length, 2, 'both bridges have unknown PCIe types in sysfs');
});

test('sysfs ls -d listing: groups only', () => {
  const { topology, problems } = loadTopology({ path: join(fixtures, 'sysfs', 'groups-ls-d.txt') });
  assert.deepEqual(problems, []);
  assert.deepEqual(
    topology.functions.map((f) => f.iommuGroup),
    [1, 2, 2],
  );
});

test('JSON: schema file equals the schema module; schema errors name the entry line and skip it', () => {
  assert.deepEqual(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'topology.schema.json'), 'utf8')), topologySchema);
  const text =
    '{\n "functions": [\n  { "bdf": "00:1c.0", "pcie": "root-port" },\n  { "bdf": "01:00.0", "pcie": "endpointt" },\n  { "bdf": "01:00.1", "pcie": "endpoint", "msi": { "count": 3 } }\n ]\n}\n';
  const { topology, problems } = loadTopology({ text, format: 'json' });
  assert.deepEqual(
    topology.functions.map((f) => f.bdf),
    ['0000:00:1c.0'],
  );
  assert.deepEqual([...new Set(problems.map((p) => p.line))], [4, 5]);
  assert.ok(problems.every((p) => p.severity === 'error'));
});

test('JSON syntax error reports its line', () => {
  const { problems } = loadTopology({ text: '{\n "functions": [\n  { "bdf": "00:1c.0", }\n ]\n}', format: 'json' });
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.line, 3);
  assert.match(problems[0]!.message, /^not valid JSON/);
});

test('format detection: JSON, sysfs, lspci', () => {
  assert.equal(loadTopology({ text: '{"functions":[{"bdf":"00:00.0","pcie":"endpoint"}]}' }).topology.format, 'json');
  assert.equal(loadTopology({ text: '/sys/kernel/iommu_groups/1/devices/0000:00:02.0\n' }).topology.format, 'sysfs');
  assert.equal(loadTopology({ text: '00:02.0 VGA compatible controller [0300]: Intel [8086:0152]\n' }).topology.format, 'lspci');
});

test('truncated lspci dump: functions before the cut kept, the cut reported at the last line', () => {
  const full = readFileSync(join(fixtures, 'lspci', 'desktop-intel-h310-coffeelake.txt'), 'utf8');
  const cut = full.slice(0, Math.floor(full.length / 2));
  const { topology, problems } = loadTopology({ text: cut, format: 'lspci' });
  assert.ok(topology.functions.length > 3 && topology.functions.length < 14);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity]),
    [[cut.split('\n').length, 'warning']],
  );
  assert.match(problems[0]!.message, /truncated/);
});

test('random bytes: one error naming the first bad line, no functions', () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  const path = join(tmp, 'random.bin');
  writeFileSync(path, bytes);
  const { topology, problems } = loadTopology({ path });
  assert.equal(topology.functions.length, 0);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.severity, 'error');
  assert.match(problems[0]!.message, /binary data/);
});

test('a 50 MB file is refused with a clear message, quickly', () => {
  const path = join(tmp, 'big.txt');
  writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 'x'));
  const t0 = performance.now();
  const { topology, problems } = loadTopology({ path });
  assert.ok(performance.now() - t0 < 500);
  assert.equal(topology.functions.length, 0);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.message, 'file is 50.0 MB, over the 16.0 MB read limit: skipped (topology dumps of real machines are under 1 MB)');
});

test('text that is not lspci: each unknown line reported (capped), then "no PCI function headers"', () => {
  const text = Array.from({ length: 300 }, (_, i) => `hello ${i}`).join('\n') + '\n';
  const { problems } = loadTopology({ text, format: 'lspci' });
  assert.equal(problems.length, 102);
  assert.deepEqual(problems[0], {
    file: '<text>',
    line: 1,
    column: 1,
    severity: 'warning',
    message: 'unrecognised line (expected a "bus:slot.fn class: name" header): hello 0',
  });
  assert.deepEqual([problems[100]!.severity, problems[100]!.message], ['error', 'no PCI function headers found: not `lspci -vv` output']);
  assert.equal(problems[101]!.message, '200 more problems not shown');
});

test('malformed capability lines are reported with the function and line, the rest is kept', () => {
  const text =
    '00:1c.0 PCI bridge [0604]: X [8086:1e10]\n\tBus: primary=00, secondary=zz, subordinate=01, sec-latency=0\n\tCapabilities: [80] MSI: Enable+ Count=1/3 Maskable- 64bit+\n00:1c.0 PCI bridge [0604]: X [8086:1e10]\n';
  const { topology, problems } = loadTopology({ text });
  assert.equal(topology.functions.length, 1);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity]),
    [
      [2, 'warning'],
      [3, 'warning'],
      [4, 'error'],
      [1, 'warning'],
    ],
  );
});

test('missing file: an error, no throw', () => {
  const { problems } = loadTopology({ path: join(tmp, 'nope.txt') });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /^cannot read: ENOENT/);
});

test('mutated corpus dumps (seeded): import, walks and the report never throw; problems carry lines', () => {
  const dir = join(fixtures, 'lspci');
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    for (let k = 0; k < 6; k++) {
      const m = [...lines];
      for (let j = 0; j < 10; j++) {
        const i = rand(m.length);
        const l = m[i]!;
        const op = rand(4);
        if (op === 0) m.splice(i, 1);
        else if (op === 1) m[i] = l.slice(0, rand(l.length + 1));
        else if (op === 2) m.splice(rand(m.length), 0, l);
        else m[i] = l.replace(/[0-9a-f]/, 'z');
      }
      const { topology, problems } = loadTopology({ text: m.join('\n'), format: 'lspci' });
      assert.ok(
        problems.every((p) => p.line >= 1 && p.line <= m.length + 1),
        f,
      );
      topologyReport(topology);
    }
  }
});

test('JSON: an invalid platform is reported and ignored, never half-used', () => {
  const { topology, problems } = loadTopology({ text: '{"platform":{"arch":"arm65"},"functions":[{"bdf":"00:00.0","pcie":"endpoint"}]}', format: 'json' });
  assert.deepEqual(topology.platform, {});
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /^\/platform\/arch must be equal to one of the allowed values; platform ignored$/);
});

test('JSON topologies: a byte-order mark is accepted; null, [] and 12 get a JSON-shape message; syntax errors point at their line:column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-json-shape-'));
  const load = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return loadTopology({ path: join(dir, name) });
  };
  const bom = load('bom.json', '\ufeff{"functions": [{"bdf": "00:01.0", "pcie": "root-port"}]}');
  assert.deepEqual([bom.problems, bom.topology.functions.map((f) => f.bdf)], [[], ['0000:00:01.0']]);
  for (const [text, shape] of [
    ['null', 'null'],
    ['[]', 'an array'],
    ['12', 'a number'],
  ] as const) {
    const r = load('shape.json', text);
    assert.deepEqual(
      r.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [`1:1 a JSON topology is an object with a "functions" array (schemas/topology.schema.json); this file holds ${shape}`],
    );
  }
  const bad = load('bad.json', '{\n  "functions": [\n    {"bdf": "00:01.0",, "pcie": "root-port"}\n  ]\n}\n');
  assert.deepEqual(
    bad.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    ['3:23 not valid JSON: Expected double-quoted property name'],
  );
  const cut = load('cut.json', '{\n  "functions": [\n');
  assert.deepEqual(
    cut.problems.map((p) => `${p.line}:${p.column}`),
    ['3:1'],
  );
});
