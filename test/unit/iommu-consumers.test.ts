// What each consumer selects from the alias walk: Intel set_msi_sid cases 1–4, ITS DeviceID,
// proxy and alias count, ITT sizing, AMD IRT install set, derived IOMMU groups (§4.2.1, §4.4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ittEvents, resolveRequesterIds } from '../../src/model/iommu/index';
import { rootPort, topo } from './iommu-helpers';

const ex2 = (bridgeId: string) =>
  topo([
    rootPort('00:1c.4', 3, 4),
    { bdf: '03:00.0', pcie: 'conventional', id: bridgeId, bus: { secondary: 4, subordinate: 4 } },
    { bdf: '04:00.0', pcie: 'conventional', id: '10ec:8169', msi: { count: 1 } },
    { bdf: '04:01.0', pcie: 'conventional', msix: { tableSize: 8 } },
  ]);

test('Intel IR case 1: bridge alias on another bus -> verify bus range (ASM1083, Ex 2)', () => {
  const w = resolveRequesterIds(ex2('1b21:1080'), '04:01.0')!;
  assert.deepEqual(w.intelIr, { case: 1, mode: 'verify-bus', busRange: [4, 4], text: 'SVT_VERIFY_BUS 04..04 (bridge alias on another bus)' });
});

test('Intel IR case 2: same-bus quirk alias -> bus only (Marvell FUNC1, Ex 4)', () => {
  const t = topo([rootPort('00:1c.0', 5), { bdf: '05:00.0', pcie: 'endpoint', id: '1b4b:9128' }]);
  assert.deepEqual(resolveRequesterIds(t, '05:00.0')!.intelIr, {
    case: 2,
    mode: 'verify-bus',
    busRange: [5, 5],
    text: 'SVT_VERIFY_BUS 05..05 (2 same-bus aliases)',
  });
});

test('Intel IR case 3: conventional bridge without the flag -> SID of the bridge (Ex 2b)', () => {
  const w = resolveRequesterIds(ex2('1234:5678'), '04:01.0')!;
  assert.deepEqual([w.intelIr.case, w.intelIr.sid], [3, 0x0300]);
});

test('Intel IR case 4: plain endpoint -> own SID; ITS and AMD use the own RID', () => {
  const t = topo([rootPort('00:1c.0', 1), { bdf: '01:00.0', pcie: 'endpoint' }]);
  const w = resolveRequesterIds(t, '01:00.0')!;
  assert.deepEqual([w.intelIr.case, w.intelIr.sid], [4, 0x0100]);
  assert.deepEqual([w.its.rid, w.its.proxy, w.its.aliasCount], [0x0100, false, 0]);
  assert.deepEqual(w.amdIrt, [0x0100]);
});

test('ITS: bridge alias -> proxy, alias count = capability sum over the bridge subtree (Ex 2)', () => {
  const w = resolveRequesterIds(ex2('1b21:1080'), '04:00.0')!;
  assert.deepEqual([w.its.rid, w.its.aliasDev, w.its.proxy, w.its.aliasCount], [0x0400, '0000:03:00.0', true, 9]);
  assert.deepEqual(w.amdIrt, [0x0400]);
});

test('ITS ignores same-bus quirk aliases; AMD installs on every alias (Ricoh FUNC0, Ex 5)', () => {
  const t = topo([rootPort('00:1c.0', 0x0d), { bdf: '0d:00.0', pcie: 'endpoint' }, { bdf: '0d:00.3', pcie: 'endpoint', id: '1180:e832' }]);
  const w = resolveRequesterIds(t, '0d:00.3')!;
  assert.equal(w.its.rid, 0x0d03);
  assert.deepEqual(w.amdIrt, [0x0d03, 0x0d00]);
});

test('ITS rid through a PCIe-to-PCI bridge and a conventional bridge below it (Ex 3)', () => {
  const t = topo([
    rootPort('00:01.0', 2, 4),
    { bdf: '02:00.0', pcie: 'pcie-to-pci', bus: { secondary: 3, subordinate: 4 } },
    { bdf: '03:04.0', pcie: 'conventional', bus: { secondary: 4, subordinate: 4 } },
    { bdf: '04:02.0', pcie: 'conventional' },
  ]);
  const w = resolveRequesterIds(t, '04:02.0')!;
  assert.equal(w.its.rid, 0x0300);
  assert.deepEqual(w.intelIr.busRange, [3, 4]);
  assert.deepEqual(w.amdIrt, [0x0410, 0x0320, 0x0300]);
});

test('msi-map translation gives the ITS DeviceID', () => {
  const t = topo([rootPort('00:01.0', 1), { bdf: '01:00.0', pcie: 'endpoint' }], {
    platform: { arch: 'arm64', msiController: 'its', msiMap: [{ ridBase: 0x100, deviceIdBase: 0, length: 0x100 }] },
  });
  assert.equal(resolveRequesterIds(t, '01:00.0')!.its.deviceId, 0);
});

test('ITT events: power of two, 32 minimum for DeviceID 0, hwsize raise in 6.12 only (S7, S17)', () => {
  assert.equal(ittEvents({ nvec: 16, hwsize: 16, aliasCount: 32, deviceId: 0x300, era: '6.12' }), 32);
  assert.equal(ittEvents({ nvec: 24, aliasCount: 0, deviceId: 0, era: '6.1' }), 32);
  assert.equal(ittEvents({ nvec: 24, hwsize: 64, aliasCount: 0, deviceId: 0, era: '6.12' }), 64);
  assert.equal(ittEvents({ nvec: 24, hwsize: 64, aliasCount: 0, deviceId: 0, era: '6.1' }), 32);
  assert.equal(ittEvents({ nvec: 3, aliasCount: 0, deviceId: 5, era: '6.12' }), 4);
  assert.equal(ittEvents({ nvec: 1, aliasCount: 0, deviceId: 5, era: '6.12' }), 1);
});

test('derived groups: bridge alias joins the bridge group; multifunction without ACS shares one; ACS ports split', () => {
  const t = topo([
    rootPort('00:1c.0', 1, 1, true),
    rootPort('00:1c.4', 3, 4, true),
    { bdf: '03:00.0', pcie: 'conventional', id: '1b21:1080', bus: { secondary: 4, subordinate: 4 } },
    { bdf: '04:00.0', pcie: 'conventional' },
    { bdf: '04:01.0', pcie: 'conventional' },
    { bdf: '01:00.0', pcie: 'endpoint' },
    { bdf: '01:00.1', pcie: 'endpoint' },
    rootPort('00:1d.0', 5, 5, true),
    { bdf: '05:00.0', pcie: 'endpoint' },
  ]);
  const g = (bdf: string) => resolveRequesterIds(t, bdf)!.group!;
  assert.equal(g('04:00.0').source, 'derived');
  assert.equal(g('04:00.0').id, g('04:01.0').id);
  assert.equal(g('04:00.0').id, g('03:00.0').id);
  assert.equal(g('01:00.0').id, g('01:00.1').id);
  assert.notEqual(g('01:00.0').id, g('05:00.0').id);
  assert.notEqual(g('01:00.0').id, g('04:00.0').id);
});

test('ACS quirks as data: Intel PCH root ports without an ACS capability still isolate; others do not', () => {
  const ports = (id0: string, id7: string) =>
    topo([
      { bdf: '00:1c.0', pcie: 'root-port', id: id0, bus: { secondary: 1, subordinate: 1 } },
      { bdf: '00:1c.7', pcie: 'root-port', id: id7, bus: { secondary: 2, subordinate: 2 } },
      { bdf: '01:00.0', pcie: 'endpoint' },
      { bdf: '02:00.0', pcie: 'endpoint' },
    ]);
  const g = (t: ReturnType<typeof topo>, bdf: string) => resolveRequesterIds(t, bdf)!.group!.id;
  const pch = ports('8086:1e10', '8086:1e1e');
  assert.equal(new Set(['00:1c.0', '00:1c.7', '01:00.0', '02:00.0'].map((b) => g(pch, b))).size, 4);
  const other = ports('1022:1453', '1022:1453');
  assert.equal(new Set(['00:1c.0', '00:1c.7', '01:00.0', '02:00.0'].map((b) => g(other, b))).size, 1);
});
