// Every branch of pci_for_each_dma_alias (drivers/pci/search.c) on hand-built topologies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRequesterIds } from '../../src/model/iommu/index';
import { rootPort, topo } from './iommu-helpers';

const pairs = (t: ReturnType<typeof topo>, bdf: string): [string, string][] =>
  resolveRequesterIds(t, bdf)!.pairs.map((p) => [p.pdev.slice(5), p.alias.toString(16).padStart(4, '0')]);

test('endpoint on a root port: only its own RID (root and switch ports emit nothing)', () => {
  const t = topo([
    rootPort('00:1c.0', 1, 2),
    { bdf: '01:00.0', pcie: 'upstream', bus: { secondary: 2, subordinate: 3 } },
    { bdf: '02:01.0', pcie: 'downstream', bus: { secondary: 3, subordinate: 3 } },
    { bdf: '03:00.0', pcie: 'endpoint' },
  ]);
  assert.deepEqual(pairs(t, '03:00.0'), [['03:00.0', '0300']]);
});

test('PCIe-to-PCI bridge aliases to (secondary bus, 00.0); conventional bridge below emits its own RID', () => {
  const t = topo([
    rootPort('00:01.0', 2, 4),
    { bdf: '02:00.0', pcie: 'pcie-to-pci', bus: { secondary: 3, subordinate: 4 } },
    { bdf: '03:04.0', pcie: 'conventional', bus: { secondary: 4, subordinate: 4 } },
    { bdf: '04:02.0', pcie: 'conventional' },
  ]);
  assert.deepEqual(pairs(t, '04:02.0'), [
    ['04:02.0', '0410'],
    ['03:04.0', '0320'],
    ['02:00.0', '0300'],
  ]);
});

test('conventional bridge with the BRIDGE_FLAG quirk (ASM1083) aliases to (secondary, 00.0); without it, to itself', () => {
  const fns = (id: string) => [
    rootPort('00:1c.4', 3, 4),
    { bdf: '03:00.0', pcie: 'conventional', id, bus: { secondary: 4, subordinate: 4 } },
    { bdf: '04:00.0', pcie: 'conventional', id: '10ec:8169', msi: { count: 1 } },
    { bdf: '04:01.0', pcie: 'conventional', msi: { count: 1 } },
  ];
  const asm = topo(fns('1b21:1080'));
  assert.deepEqual(pairs(asm, '04:00.0'), [
    ['04:00.0', '0400'],
    ['03:00.0', '0400'],
  ]);
  assert.deepEqual(pairs(asm, '04:01.0'), [
    ['04:01.0', '0408'],
    ['03:00.0', '0400'],
  ]);
  const plain = topo(fns('1234:5678'));
  assert.deepEqual(pairs(plain, '04:01.0'), [
    ['04:01.0', '0408'],
    ['03:00.0', '0300'],
  ]);
});

test('BRIDGE_FLAG is not set when the upstream bridge is itself a PCIe-to-PCI bridge', () => {
  const t = topo([
    rootPort('00:01.0', 2, 4),
    { bdf: '02:00.0', pcie: 'pcie-to-pci', bus: { secondary: 3, subordinate: 4 } },
    { bdf: '03:01.0', pcie: 'conventional', id: '8086:244e', bus: { secondary: 4, subordinate: 4 } },
    { bdf: '04:00.0', pcie: 'conventional' },
  ]);
  assert.deepEqual(pairs(t, '04:00.0'), [
    ['04:00.0', '0400'],
    ['03:01.0', '0308'],
    ['02:00.0', '0300'],
  ]);
});

test('reverse (PCI-to-PCIe) bridge emits its own RID', () => {
  const t = topo([
    { bdf: '00:1e.0', pcie: 'conventional', bus: { secondary: 5, subordinate: 6 } },
    { bdf: '05:00.0', pcie: 'pci-to-pcie', bus: { secondary: 6, subordinate: 6 } },
    { bdf: '06:00.0', pcie: 'endpoint' },
  ]);
  assert.deepEqual(pairs(t, '06:00.0'), [
    ['06:00.0', '0600'],
    ['05:00.0', '0500'],
    ['00:1e.0', '00f0'],
  ]);
});

test('XLATE_ROOT bridge (ThunderX2 14e4:9000) stops the walk before it is emitted', () => {
  const fns = (id: string) => [
    { bdf: '00:00.0', pcie: 'conventional', id, bus: { secondary: 1, subordinate: 1 } },
    { bdf: '01:00.0', pcie: 'endpoint' },
  ];
  const stop = resolveRequesterIds(topo(fns('14e4:9000')), '01:00.0')!;
  assert.deepEqual(
    stop.pairs.map((p) => p.alias),
    [0x0100],
  );
  assert.equal(stop.stoppedAt, '0000:00:00.0');
  assert.deepEqual(pairs(topo(fns('14e4:1234')), '01:00.0'), [
    ['01:00.0', '0100'],
    ['00:00.0', '0000'],
  ]);
});

test('VFs: own RID on the PF bus; on a virtual bus (no self) the walk continues at the PF bus', () => {
  const same = topo([rootPort('00:03.0', 1), { bdf: '01:00.0', pcie: 'endpoint', id: '8086:10fb', sriov: { numVfs: 2, offset: 128, stride: 2 } }]);
  assert.deepEqual(pairs(same, '01:10.0'), [['01:10.0', '0180']]);
  assert.deepEqual(pairs(same, '01:10.2'), [['01:10.2', '0182']]);
  const virt = topo([
    { bdf: '00:1e.0', pcie: 'conventional', bus: { secondary: 5, subordinate: 7 } },
    { bdf: '05:00.0', pcie: 'pci-to-pcie', bus: { secondary: 6, subordinate: 7 } },
    { bdf: '06:00.0', pcie: 'endpoint', sriov: { numVfs: 1, offset: 256, stride: 1 } },
  ]);
  assert.deepEqual(pairs(virt, '07:00.0'), [
    ['07:00.0', '0700'],
    ['05:00.0', '0500'],
    ['00:1e.0', '00f0'],
  ]);
});

test('dma_alias_mask quirks: FUNC0, FUNC1, FIXED (with subsystem), MIC, VCA, ALL256', () => {
  const t = topo([
    rootPort('00:1c.0', 0x0d),
    { bdf: '0d:00.0', pcie: 'endpoint', id: '1180:e822' },
    { bdf: '0d:00.3', pcie: 'endpoint', id: '1180:e832' },
    { bdf: '05:00.0', pcie: 'endpoint', id: '1b4b:9128' },
    { bdf: '05:00.1', pcie: 'endpoint', id: '1b4b:9128' },
    { bdf: '07:0e.0', pcie: 'conventional', id: '9005:0285', subsystem: '9005:02bb' },
    { bdf: '08:0e.0', pcie: 'conventional', id: '9005:0285', subsystem: '9005:0200' },
    { bdf: '09:00.0', pcie: 'endpoint', id: '8086:2260' },
    { bdf: '0a:00.0', pcie: 'endpoint', id: '8086:2954' },
    { bdf: '0b:00.0', pcie: 'endpoint', id: '10b5:87b0' },
  ]);
  assert.deepEqual(pairs(t, '0d:00.3'), [
    ['0d:00.3', '0d03'],
    ['0d:00.3', '0d00'],
  ]);
  assert.deepEqual(pairs(t, '0d:00.0'), [['0d:00.0', '0d00']]);
  assert.deepEqual(pairs(t, '05:00.0'), [
    ['05:00.0', '0500'],
    ['05:00.0', '0501'],
  ]);
  assert.deepEqual(pairs(t, '05:00.1'), [['05:00.1', '0501']], 'FUNC1 adds nothing on function 1');
  assert.deepEqual(pairs(t, '07:0e.0'), [
    ['07:0e.0', '0770'],
    ['07:0e.0', '0708'],
  ]);
  assert.deepEqual(pairs(t, '08:0e.0'), [['08:0e.0', '0870']], 'FIXED needs the subsystem match');
  assert.deepEqual(pairs(t, '09:00.0'), [
    ['09:00.0', '0900'],
    ['09:00.0', '0980'],
    ['09:00.0', '0988'],
    ['09:00.0', '0993'],
  ]);
  assert.equal(resolveRequesterIds(t, '0a:00.0')!.pairs.length, 1 + 160);
  const plx = resolveRequesterIds(t, '0b:00.0')!;
  assert.equal(plx.pairs.length, 1 + 256);
  assert.equal(plx.requesterIds.length, 256);
});

test('Switchtec HWTABLE quirk: aliases unknown (class 0680 only)', () => {
  const t = topo([
    { bdf: '0c:00.1', pcie: 'endpoint', id: '11f8:8532', class: '0680' },
    { bdf: '0e:00.1', pcie: 'endpoint', id: '11f8:8532', class: '0580' },
  ]);
  const w = resolveRequesterIds(t, '0c:00.1')!;
  assert.equal(w.unknownAliases, true);
  assert.deepEqual(w.requesterIds, ['0x0c01']);
  assert.equal(resolveRequesterIds(t, '0e:00.1')!.unknownAliases, false);
});

test('declared aliases (JSON dmaAliases, e.g. AMD IVRS) join the mask; unknown bdf gives undefined', () => {
  const t = topo([{ bdf: '02:00.0', pcie: 'endpoint', dmaAliases: ['00.4'] }]);
  assert.deepEqual(pairs(t, '02:00.0'), [
    ['02:00.0', '0200'],
    ['02:00.0', '0204'],
  ]);
  assert.equal(resolveRequesterIds(t, '02:00.1'), undefined);
  assert.equal(resolveRequesterIds(t, 'not-a-bdf'), undefined);
});

test('unreadable capabilities on a bridge are an explicit assumption, not a silent guess', () => {
  const t = topo([
    { bdf: '00:1c.0', pcie: 'root-port', bus: { secondary: 1, subordinate: 1 } },
    { bdf: '01:00.0', pcie: 'endpoint' },
  ]);
  t.functions[0]!.capsReadable = false;
  const w = resolveRequesterIds(t, '01:00.0')!;
  assert.deepEqual(w.assumptions, ['0000:00:1c.0: capabilities not readable, PCIe type unknown; assumed a PCIe port (emits nothing)']);
});

test('Intel VMD: devices in domain 10000 walk from the VMD endpoint (pci_real_dma_dev)', () => {
  const fns = [
    { bdf: '0000:00:0e.0', pcie: 'rc-endpoint', id: '8086:467f', class: '0104' },
    { bdf: '10000:00:01.0', pcie: 'root-port', bus: { secondary: 1, subordinate: 1 }, acs: true },
    { bdf: '10000:01:00.0', pcie: 'endpoint', id: '144d:a808', msix: { tableSize: 33 } },
  ];
  const t = topo(fns);
  const w = resolveRequesterIds(t, '10000:01:00.0')!;
  assert.deepEqual(
    w.pairs.map((p) => [p.pdev, p.alias, p.step]),
    [['0000:00:0e.0', 0x0070, 'VMD endpoint 0000:00:0e.0 (pci_real_dma_dev)']],
  );
  assert.equal(w.realDmaDev, '0000:00:0e.0');
  assert.deepEqual([w.intelIr.case, w.intelIr.sid], [4, 0x0070]);
  assert.equal(w.its.rid, 0x0070);
  assert.equal(w.group!.id, resolveRequesterIds(t, '0000:00:0e.0')!.group!.id);
  const noVmd = topo(fns.slice(1));
  assert.match(resolveRequesterIds(noVmd, '10000:01:00.0')!.assumptions[0]!, /^domain 10000 is an Intel VMD domain/);
});
