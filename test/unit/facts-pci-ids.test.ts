import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, extractFileFacts, initParser } from '../../src/facts/index';

before(() => initParser());

test('pci_device_id tables: PCI_DEVICE, PCI_VDEVICE, PCI_DEVICE_DATA, designated and positional entries', () => {
  const r = extractFileFacts({
    file: 'drv.c',
    era: defaultEra,
    text: `#define MY_VENDOR 0x1e5e
#define PCI_DEVICE_ID_INTEL_FOO 0x1234
static const struct pci_device_id ids[] = {
	{ PCI_DEVICE(MY_VENDOR, 0x0001) },
	{ PCI_VDEVICE(INTEL, 0x0002), 0 },
	{ PCI_DEVICE_DATA(INTEL, FOO, &info) },
	{ .vendor = PCI_VENDOR_ID_MELLANOX, .device = 0x101b },
	{ 0x8086, 0x0003, PCI_ANY_ID, PCI_ANY_ID },
	{ PCI_DEVICE(UNKNOWN_VENDOR, 1) },
	{ 0, }
};
MODULE_DEVICE_TABLE(pci, ids);
`,
  });
  assert.deepEqual(
    r.pciIds.map((e) => [e.vendor, e.device, e.table, e.range.line]),
    [
      [0x1e5e, 1, 'ids', 4],
      [0x8086, 2, 'ids', 5],
      [0x8086, 0x1234, 'ids', 6],
      [0x15b3, 0x101b, 'ids', 7],
      [0x8086, 3, 'ids', 8],
    ],
  );
});

test('driver structs: pci, platform (nested .driver), auxiliary; remove_new accepted', () => {
  const r = extractFileFacts({
    file: 'drv.c',
    era: defaultEra,
    text: `static struct pci_driver foo_driver = {
	.name = "foo",
	.id_table = foo_ids,
	.probe = foo_probe,
	.remove = foo_remove,
};
static struct platform_driver bar_driver = {
	.probe = bar_probe,
	.remove_new = bar_remove,
	.driver = { .name = "bar", .of_match_table = bar_of },
};
static struct auxiliary_driver baz_driver = { .probe = baz_probe, .id_table = baz_ids };
`,
  });
  assert.deepEqual(
    r.drivers.map(({ range, ...d }) => ({ ...d, line: range.line })),
    [
      { name: 'foo_driver', bus: 'pci', probe: 'foo_probe', remove: 'foo_remove', idTable: 'foo_ids', line: 1 },
      { name: 'bar_driver', bus: 'platform', probe: 'bar_probe', remove: 'bar_remove', line: 7 },
      { name: 'baz_driver', bus: 'auxiliary', probe: 'baz_probe', idTable: 'baz_ids', line: 12 },
    ],
  );
});

test('msix_entry arrays: initialisers, constant assignments, identity loops', () => {
  const r = extractFileFacts({
    file: 'm.c',
    era: defaultEra,
    text: `#define NV 3
static struct msix_entry fixed[] = { { .entry = 0 }, { .entry = 4 }, { .entry = NV } };
static int a(struct pci_dev *pdev) { return pci_enable_msix_exact(pdev, fixed, ARRAY_SIZE(fixed)); }
static int b(struct pci_dev *pdev, struct msix_entry *e) {
	e[0].entry = 2;
	e[1].entry = 7;
	return pci_enable_msix_range(pdev, e, 1, 2);
}
static int c(struct foo *f, struct pci_dev *pdev) {
	int i;
	for (i = 0; i < f->nvec; i++)
		f->entries[i].entry = i;
	return pci_enable_msix_range(pdev, f->entries, 1, f->nvec);
}
static int d(struct pci_dev *pdev, struct msix_entry *e, int n) { return pci_enable_msix_exact(pdev, e, n); }
`,
  });
  const [a, b, c, d] = r.facts.map((f) => f.entries!);
  assert.deepEqual(a, { array: 'fixed', indices: [0, 4, 3] });
  assert.equal(r.facts[0]!.count!.value, 3);
  assert.deepEqual(b, { array: 'e', indices: [2, 7] });
  assert.deepEqual([c!.array, c!.indices, c!.identityUpTo!.text], ['f->entries', null, 'f->nvec']);
  assert.deepEqual(d, { array: 'e', indices: null });
});
