// attributeFact and capabilityFor on hand-written facts (plain data, as the facts layer emits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeFact, capabilityFor } from '../../src/model/iommu/index';
import type { DeviceRef, FileFacts, MsiFact, TreeFacts } from '../../src/facts/types';
import { rootPort, topo } from './iommu-helpers';

const r = { line: 10, column: 2, endLine: 10, endColumn: 20 };
const era: TreeFacts['era'] = { era: 'per-domain', label: '6.12', source: 'default', domainIds: {}, intxFlag: 'PCI_IRQ_INTX' };

function fact(file: string, device: DeviceRef): MsiFact {
  return { id: 1, file, range: r, callRange: r, api: 'pci_alloc_irq_vectors', kind: 'alloc', signature: 'any', device, function: 'probe', args: [] };
}

function tree(files: Partial<FileFacts>[]): TreeFacts {
  return { tree: '.', era, files: files.map((f) => ({ file: 'x.c', facts: [], functions: [], pciIds: [], drivers: [], problems: [], ...f })) };
}

const pdev: DeviceRef = { text: 'pdev', class: 'pci', key: 'pdev', path: ['pdev'] };
const aux: DeviceRef = { text: '&adev->dev', class: 'auxiliary', key: 'adev', path: ['adev', '->dev', '&'] };

const t = topo([
  rootPort('00:1c.4', 3, 4),
  { bdf: '03:00.0', pcie: 'conventional', id: '1b21:1080', bus: { secondary: 4, subordinate: 4 } },
  { bdf: '04:00.0', pcie: 'conventional', id: '10ec:8169', msi: { count: 1 }, driver: 'r8169' },
  { bdf: '04:01.0', pcie: 'conventional', id: '1797:6801', msix: { tableSize: 8 }, msi: { count: 4 } },
]);

test('PCI owner bound by its pci_device_id table: P = O, requester IDs and chain', () => {
  const f = fact('drivers/net/nic.c', pdev);
  const tr = tree([{ file: 'drivers/net/nic.c', facts: [f], pciIds: [{ vendor: 0x10ec, device: 0x8169, table: 'ids', range: r }] }]);
  const a = attributeFact(f, { topology: t, tree: tr });
  assert.deepEqual(a.owner, { class: 'pci', key: 'pdev', text: 'pdev' });
  assert.equal(a.originatingFunction, '0000:04:00.0');
  assert.deepEqual(a.requesterIds, ['0x0400']);
  assert.equal(a.subdevice, false);
  assert.deepEqual(a.chain.slice(0, 3), [
    'owner O = pdev: pci device; the descriptors live in its msi.data',
    'P = 0000:04:00.0 (pci_device_id table matches 10ec:8169)',
    'alias walk of 0000:04:00.0: (0000:04:00.0, 0x0400) own RID; (0000:03:00.0, 0x0400) conventional bridge 0000:03:00.0 with PCIE_BRIDGE_ALIAS (secondary bus, devfn 00.0)',
  ]);
});

test('explicit --bind wins over the id table; "Kernel driver in use" binds by driver name', () => {
  const f = fact('drivers/net/r8169_main.c', pdev);
  const tr = tree([{ file: 'drivers/net/r8169_main.c', facts: [f], pciIds: [{ vendor: 0x10ec, device: 0x8169, table: 'ids', range: r }] }]);
  assert.equal(attributeFact(f, { topology: t, tree: tr, bindings: { r8169_main: '04:01.0' } }).originatingFunction, '0000:04:01.0');
  const noIds = tree([{ file: 'drivers/net/r8169_main.c', facts: [f] }]);
  const a = attributeFact(f, { topology: t, tree: noIds });
  assert.equal(a.originatingFunction, '0000:04:00.0');
  assert.match(a.chain[1]!, /"Kernel driver in use: r8169" matches the driver's name/);
});

test('subdevice owner: flagged as subdevice with no IOMMU context; without a topology P is described', () => {
  const f = fact('drivers/x/sf.c', aux);
  const a = attributeFact(f, { tree: tree([{ file: 'drivers/x/sf.c', facts: [f] }]) });
  assert.deepEqual([a.subdevice, a.iommuContext, a.originatingFunction, a.requesterIds], [true, 'no', 'the PCI function reached through dev.parent', []]);
  assert.equal(a.chain[1], 'O is on the auxiliary bus, which is not in iommu_buses[]: it has no IOMMU group, and the write comes from its parent function');
});

test('unbound driver with a topology: a note asks for --bind', () => {
  const f = fact('drivers/y/other.c', pdev);
  const a = attributeFact(f, { topology: t, tree: tree([{ file: 'drivers/y/other.c', facts: [f] }]) });
  assert.deepEqual(a.notes, ['no topology function bound to drivers/y/other.c: give --bind DRIVER=BDF']);
  assert.equal(a.originatingFunction, undefined);
});

test('capabilityFor: sizes of the bound function (0 = absent, missing = unknown); undefined when unbound', () => {
  const ids = (device: number) => [{ vendor: 0x1797, device, table: 'ids', range: r }];
  assert.deepEqual(capabilityFor(t, {}, { file: 'cap.c', pciIds: ids(0x6801) }), {
    how: 'pci_device_id table matches 1797:6801',
    msixTableSize: 8,
    bdf: '0000:04:01.0',
    msiCount: 4,
  });
  assert.deepEqual(
    capabilityFor(t, { cap: '04:00.0' }, 'cap.c'),
    { how: '--bind cap=04:00.0', msixTableSize: 0, msiCount: 1, bdf: '0000:04:00.0' },
    '0: no MSI-X capability',
  );
  const unreadable = topo([{ bdf: '05:00.0', pcie: 'endpoint', msix: { tableSize: 8 } }]);
  unreadable.functions[0]!.capsReadable = false;
  assert.deepEqual(capabilityFor(unreadable, { cap: '05:00.0' }, 'cap.c'), { how: '--bind cap=05:00.0', bdf: '0000:05:00.0' }, 'unknown sizes stay unknown');
  assert.equal(capabilityFor(t, {}, { file: 'cap.c', pciIds: ids(0x1111) }), undefined);
  assert.equal(capabilityFor(undefined, {}, 'cap.c'), undefined);
});

test("subdevice owner bound through the topology's subdevices (by driver, through a parent chain)", () => {
  const ts = topo([rootPort('00:01.0', 1), { bdf: '01:00.0', pcie: 'endpoint', id: '15b3:1017' }, { bdf: '01:00.1', pcie: 'endpoint', id: '15b3:1017' }], {
    subdevices: [
      { name: 'mlx5_core.sf.1', class: 'auxiliary', parent: '01:00.1', driver: 'sf' },
      { name: 'mlx5_core.eth.0', class: 'auxiliary', parent: '01:00.0', driver: 'eth' },
      { name: 'mdev-parent', class: 'device', parent: '01:00.0' },
      { name: 'vgpu0', class: 'mdev', parent: 'mdev-parent' },
    ],
  });
  const f = fact('drivers/x/sf.c', aux);
  const a = attributeFact(f, { topology: ts, tree: tree([{ file: 'drivers/x/sf.c', facts: [f] }]) });
  assert.equal(a.originatingFunction, '0000:01:00.1');
  assert.equal(a.chain[2], 'P = 0000:01:00.1 (topology subdevice mlx5_core.sf.1 (driver sf) has parent 0000:01:00.1)');
  const m = fact('drivers/x/vgpu.c', { text: 'mdev_dev(m)', class: 'mdev', key: 'mdev:m', path: [] });
  assert.equal(attributeFact(m, { topology: ts, tree: tree([{ file: 'drivers/x/vgpu.c', facts: [m] }]) }).originatingFunction, '0000:01:00.0');
  const other = fact('drivers/x/other.c', aux);
  assert.equal(
    attributeFact(other, { topology: ts, tree: tree([{ file: 'drivers/x/other.c', facts: [other] }]) }).originatingFunction,
    'the PCI function reached through dev.parent',
    'two auxiliary devices, neither named: no guess',
  );
});

test('multi-file driver: a file without its own id table binds through the one PCI driver file of its directory', () => {
  const ids = [{ vendor: 0x1797, device: 0x6801, table: 'ids', range: r }];
  const drv = { name: 'cap_pci_driver', bus: 'pci' as const, range: r };
  const f = fact('drivers/media/cap/irq.c', pdev);
  const one = tree([
    { file: 'drivers/media/cap/irq.c', facts: [f] },
    { file: 'drivers/media/cap/main.c', pciIds: ids, drivers: [drv] },
  ]);
  const a = attributeFact(f, { topology: t, tree: one });
  assert.equal(a.chain[1], 'P = 0000:04:01.0 (pci_device_id table matches 1797:6801, via drivers/media/cap/main.c, the PCI driver of this directory)');
  const two = tree([
    ...one.files,
    {
      file: 'drivers/media/cap/other.c',
      pciIds: [{ vendor: 0x10ec, device: 0x8169, table: 'ids2', range: r }],
      drivers: [{ ...drv, name: 'other_pci_driver' }],
    },
  ]);
  assert.equal(attributeFact(f, { topology: t, tree: two }).originatingFunction, undefined, 'two PCI drivers in the directory: no guess');
});

test('the chain states the ITT the ITS would create if the call allocates first', () => {
  const f: MsiFact = { ...fact('drivers/x/cap.c', pdev), flags: ['PCI_IRQ_MSIX'], max: { text: '16', value: 16, chain: [] } };
  const tr = tree([{ file: 'drivers/x/cap.c', facts: [f], pciIds: [{ vendor: 0x1797, device: 0x6801, table: 'ids', range: r }] }]);
  const a = attributeFact(f, { topology: t, tree: tr });
  assert.equal(a.chain[a.chain.length - 1], 'ITS ITT if this call allocates first: 16 events (nvec 16, hwsize 8, alias count 9; 6.12)');
});
