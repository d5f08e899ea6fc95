// The lspci importer over the real corpus (test/fixtures/topology/lspci, copied from the shared
// corpus): every dump imports without error, and facts read from the dumps by hand hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadTopology, resolveRequesterIds } from '../../src/model/iommu/index';

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'topology', 'lspci');
const load = (name: string) => loadTopology({ path: join(dir, name) });
const real = (name: string) => load(name).topology.functions.filter((f) => !f.synthesized);
const fn = (name: string, bdf: string) => load(name).topology.functions.find((f) => f.bdf === bdf)!;
const rids = (name: string, bdf: string) => resolveRequesterIds(load(name).topology, bdf)!.pairs.map((p) => [p.pdev, p.alias]);

// file -> [functions, largest MSI-X table]; from INDEX.tsv, re-counted in each dump.
const expected: Record<string, [number, number]> = {
  'arm64-board-radxa-orion-o6-cix-p1.txt': [6, 33],
  'arm64-server-ampere-altra-devplatform-ast1150.txt': [27, 17],
  'board-ppc-freescale-p2020-domains.txt': [6, 8],
  'desktop-amd-fam14h-brazos-jetway-nnvvv.txt': [29, 4],
  'desktop-asus-p6t6-x58-nf200-sas.txt': [53, 15],
  'desktop-intel-dh77df-ivybridge.txt': [14, 0],
  'desktop-intel-h310-coffeelake.txt': [14, 4],
  'laptop-dell-latitude-e6430-nvidia-dgpu-off.txt': [22, 0],
  'laptop-fujitsu-p8010-ich8m-pci-cardbus-bridge.txt': [22, 0],
  'laptop-samsung-np350v5c-ivybridge.txt': [16, 4],
  'ppc64-server-ibm-pseries-pcix-bridges-domains.txt': [31, 0],
  'x86-server-dell-r710-xeon5500-ich9-pci-bridge.txt': [72, 9],
  'x86-server-hpe-dl-skylake-sp-connectx5-sriov-vv-no-nn.txt': [310, 129],
};

test('every corpus dump imports with no error or warning, in under 1 s in total', () => {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  assert.deepEqual(files, Object.keys(expected).sort());
  const t0 = performance.now();
  for (const f of files) {
    const { topology, problems } = load(f);
    assert.deepEqual(
      problems.filter((p) => p.severity !== 'info'),
      [],
      f,
    );
    const fns = topology.functions.filter((x) => !x.synthesized);
    assert.equal(fns.length, expected[f]![0], `${f}: functions`);
    assert.equal(Math.max(0, ...fns.map((x) => x.msix?.tableSize ?? 0)), expected[f]![1], `${f}: largest MSI-X table`);
  }
  assert.ok(performance.now() - t0 < 1000);
});

test('info problems name the line: all-ones function (E6430) and the -vv dump without -nn (HPE)', () => {
  assert.deepEqual(
    load('laptop-dell-latitude-e6430-nvidia-dgpu-off.txt').problems.map((p) => [p.line, p.severity]),
    [[594, 'info']],
  );
  const hpe = load('x86-server-hpe-dl-skylake-sp-connectx5-sriov-vv-no-nn.txt');
  assert.equal(hpe.topology.idsMissing, true);
  assert.deepEqual(
    hpe.problems.map((p) => [p.line, p.severity]),
    [[1, 'info']],
  );
});

test('Ampere Altra: AST1150 PCIe-to-PCI bridge aliases the VGA to (bus 02, 00.0); NVMe MSI-X 16/17; 6 domains', () => {
  const f = 'arm64-server-ampere-altra-devplatform-ast1150.txt';
  assert.equal(fn(f, '0004:01:00.0').pcie, 'pcie-to-pci');
  assert.deepEqual(rids(f, '0004:02:00.0'), [
    ['0004:02:00.0', 0x0200],
    ['0004:01:00.0', 0x0200],
  ]);
  const w = resolveRequesterIds(load(f).topology, '0004:02:00.0')!;
  assert.equal(w.intelIr.case, 1);
  assert.deepEqual([w.its.proxy, w.its.aliasDev], [true, '0004:01:00.0']);
  assert.equal(fn(f, '0005:03:00.0').msix?.tableSize, 16);
  assert.equal(fn(f, '0005:04:00.0').msix?.tableSize, 17);
  assert.deepEqual([...new Set(real(f).map((x) => x.domain))], [0x0, 0x2, 0x4, 0x5, 0xc, 0xd]);
  assert.equal(fn(f, '0000:01:00.1').iommuGroup, 17);
});

test('Fujitsu P8010: CardBus device behind two conventional bridges emits both bridge RIDs', () => {
  const f = 'laptop-fujitsu-p8010-ich8m-pci-cardbus-bridge.txt';
  assert.deepEqual(rids(f, '0000:1d:00.0'), [
    ['0000:1d:00.0', 0x1d00],
    ['0000:1c:03.0', 0x1c18],
    ['0000:00:1e.0', 0x00f0],
  ]);
  assert.equal(resolveRequesterIds(load(f).topology, '0000:1d:00.0')!.intelIr.text, 'SVT_VERIFY_SID_SQ SID 0x00f0 (bridge RID)');
});

test('Dell R710: Matrox behind the 82801 bridge on the root bus (no BRIDGE_FLAG there) aliases to 00:1e.0', () => {
  const f = 'x86-server-dell-r710-xeon5500-ich9-pci-bridge.txt';
  assert.equal(fn(f, '0000:00:1e.0').device, 0x244e);
  assert.deepEqual(rids(f, '0000:08:03.0'), [
    ['0000:08:03.0', 0x0818],
    ['0000:00:1e.0', 0x00f0],
  ]);
  assert.equal(fn(f, '0000:01:00.0').msix?.tableSize, 9);
});

test('HPE: ConnectX-5 VFs are linked to their PFs by SR-IOV offset/stride; XXV710 MSI-X 129', () => {
  const f = 'x86-server-hpe-dl-skylake-sp-connectx5-sriov-vv-no-nn.txt';
  for (const vf of ['12:00.2', '12:00.3', '12:00.4']) assert.equal(fn(f, `0000:${vf}`).physfn, '0000:12:00.0');
  for (const vf of ['12:01.2', '12:01.3', '12:01.4']) assert.equal(fn(f, `0000:${vf}`).physfn, '0000:12:00.1');
  assert.equal(fn(f, '0000:37:00.0').msix?.tableSize, 129);
  assert.equal(load(f).topology.functions.filter((x) => x.synthesized).length, 0);
});

test('IBM pSeries: PCI-X bridges in 5 domains; devices two bridges down', () => {
  const f = 'ppc64-server-ibm-pseries-pcix-bridges-domains.txt';
  assert.equal(new Set(real(f).map((x) => x.domain)).size, 5);
  assert.deepEqual(rids(f, '0002:42:03.0'), [
    ['0002:42:03.0', 0x4218],
    ['0002:41:01.0', 0x4108],
    ['0002:00:02.4', 0x0014],
  ]);
});

test('Radxa Orion O6: three root buses in one domain; NVMe MSI-X 33, RTL8126 MSI-X 32', () => {
  const f = 'arm64-board-radxa-orion-o6-cix-p1.txt';
  assert.equal(fn(f, '0000:91:00.0').msix?.tableSize, 33);
  assert.equal(fn(f, '0000:31:00.0').msix?.tableSize, 32);
  assert.deepEqual(rids(f, '0000:91:00.0'), [['0000:91:00.0', 0x9100]]);
});

test('DH77DF: multi-message MSI capability read as count 8', () => {
  const fns = real('desktop-intel-dh77df-ivybridge.txt');
  assert.deepEqual(fns.filter((x) => x.msi?.maxCount === 8).length, 1);
  assert.equal(
    fns.some((x) => x.msix),
    false,
  );
});

test('bridges that emit aliases for the devices behind them, per dump (INDEX bridges_to_pci; Fujitsu adds its CardBus bridge)', () => {
  const want: Record<string, number> = {
    'arm64-server-ampere-altra-devplatform-ast1150.txt': 1,
    'laptop-fujitsu-p8010-ich8m-pci-cardbus-bridge.txt': 2,
    'ppc64-server-ibm-pseries-pcix-bridges-domains.txt': 10,
    'x86-server-dell-r710-xeon5500-ich9-pci-bridge.txt': 1,
  };
  for (const f of Object.keys(expected)) {
    const { topology } = load(f);
    const emitting = new Set<string>();
    for (const fn of topology.functions) for (const p of resolveRequesterIds(topology, fn.bdf)!.pairs) if (p.pdev !== fn.bdf) emitting.add(p.pdev);
    assert.equal(emitting.size, want[f] ?? 0, f);
  }
});

test('derived IOMMU groups equal the groups lspci printed (Dell R710: 31 groups over 72 functions; Radxa: 3)', () => {
  const partition = (m: Map<string, number | undefined>): string[] => {
    const by = new Map<number, string[]>();
    for (const [bdf, g] of m) if (g !== undefined) by.set(g, [...(by.get(g) ?? []), bdf]);
    return [...by.values()].map((a) => a.sort().join(' ')).sort();
  };
  for (const [f, count] of [
    ['x86-server-dell-r710-xeon5500-ich9-pci-bridge.txt', 31],
    ['arm64-board-radxa-orion-o6-cix-p1.txt', 3],
  ] as const) {
    const { topology } = load(f);
    const dump = new Map(topology.functions.map((x) => [x.bdf, x.iommuGroup]));
    for (const x of topology.functions) delete x.iommuGroup;
    const derived = new Map(topology.functions.map((x) => [x.bdf, resolveRequesterIds(topology, x.bdf)!.group?.id]));
    assert.equal(resolveRequesterIds(topology, topology.functions[0]!.bdf)!.group?.source, 'derived');
    assert.equal(partition(dump).length, count);
    assert.deepEqual(partition(derived), partition(dump), f);
  }
});
