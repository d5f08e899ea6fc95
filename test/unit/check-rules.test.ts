// checkTree over small drivers: one test per rule family and per path-sensitivity guarantee.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTree } from '../../src/engine/check-tree';
import { pciDriver, treeOf } from './check-helpers';

async function codes(probe: string, remove?: string, layout: 'auto' | 'xarray' | 'partitioned' = 'auto'): Promise<string[]> {
  const tree = await treeOf({ 'd.c': pciDriver(probe, remove) });
  return checkTree(tree, { layout, speculative: true }).findings.map((f) => `${f.code}:${f.severity}${f.speculative ? ' speculative' : ''}@${f.range.line}`);
}

test('a second MSI-X enable while the first is live is an index conflict naming the first site', async () => {
  const tree = await treeOf({
    'd.c': pciDriver(`
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	return 0;`),
  });
  const [f, ...rest] = checkTree(tree, { layout: 'auto' }).findings;
  assert.equal(rest.length, 0);
  assert.equal(f!.code, 'msi/index-conflict');
  assert.equal(f!.severity, 'error');
  assert.equal(f!.range.line, 8);
  assert.deepEqual(
    f!.related.map((r) => r.range.line),
    [5],
  );
  assert.match(f!.message, /pdev/);
  assert.match(f!.message, /d\.c:5/);
});

test('if/else branches never conflict with each other', async () => {
  assert.deepEqual(
    await codes(`
	if (id->driver_data)
		n = pci_alloc_irq_vectors(pdev, 4, 4, PCI_IRQ_MSIX);
	else
		n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	return n < 0 ? n : 0;`),
    [],
  );
});

test('a failed allocation leaves nothing behind (if (n < 0) fallback)', async () => {
  assert.deepEqual(
    await codes(`
	n = pci_alloc_irq_vectors(pdev, 8, 8, PCI_IRQ_MSIX);
	if (n < 0)
		n = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	return n < 0 ? n : 0;`),
    [],
  );
});

test('min < max: owning 0..min-1 is definite, beyond is possible (info: it rests on the granted count alone: speculative)', async () => {
  assert.deepEqual(
    await codes(`
	n = pci_alloc_irq_vectors(pdev, 2, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = pci_irq_vector(pdev, 5);
	return 0;`),
    ['msi/vector-unallocated:info speculative@8'],
  );
});

test('an index below min_vecs is always allocated', async () => {
  assert.deepEqual(
    await codes(`
	n = pci_alloc_irq_vectors(pdev, 2, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = pci_irq_vector(pdev, 1);
	return 0;`),
    [],
  );
});

test('leak on a probe error path, not on the success path', async () => {
  assert.deepEqual(
    await codes(`
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	if (!id->driver_data)
		return -ENODEV;
	return 0;`),
    ['msi/leak:error@9'],
  );
});

test('pcim_enable_device makes the device managed: no leak', async () => {
  assert.deepEqual(
    await codes(
      `
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	if (!id->driver_data)
		return -ENODEV;
	return 0;`,
      '',
    ),
    [],
  );
});

test('xarray layout: MSI then MSI-X is still exclusive', async () => {
  assert.deepEqual(
    await codes(
      `
	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 2, 2, PCI_IRQ_MSIX);
	return 0;`,
      'pci_free_irq_vectors(pdev);',
      'xarray',
    ),
    ['msi/msi-msix-exclusive:error@8'],
  );
});

test('an exclusivity finding names the earlier enable as its related location, in both layouts', async () => {
  for (const layout of ['auto', 'xarray'] as const) {
    const tree = await treeOf({
      'd.c': pciDriver(`
	ret = pci_enable_msi(pdev);
	if (ret)
		return ret;
	n = pci_alloc_irq_vectors(pdev, 2, 2, PCI_IRQ_MSIX);
	return 0;`),
    });
    const [f, ...rest] = checkTree(tree, { layout }).findings;
    assert.equal(rest.length, 0);
    assert.equal(f!.code, 'msi/msi-msix-exclusive');
    assert.deepEqual(
      f!.related.map((r) => `${r.file}:${r.range.line}:${r.range.column} ${r.message}`),
      ['d.c:5:8 pci_enable_msi() enabled MSI here'],
    );
    assert.match(f!.message, /MSI was enabled by pci_enable_msi\(\) at d\.c:5/);
  }
});

test('MSI-X enabled first: the MSI enable names the MSI-X allocation', async () => {
  const tree = await treeOf({
    'd.c': pciDriver(`
	n = pci_alloc_irq_vectors(pdev, 2, 2, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	ret = pci_enable_msi(pdev);
	return 0;`),
  });
  const [f, ...rest] = checkTree(tree, { layout: 'auto' }).findings;
  assert.equal(rest.length, 0);
  assert.equal(f!.code, 'msi/msi-msix-exclusive');
  assert.deepEqual(
    f!.related.map((r) => `${r.range.line} ${r.message}`),
    ['5 pci_alloc_irq_vectors() enabled MSI-X here'],
  );
});

test('severity overrides: off removes a rule, a severity replaces it', async () => {
  const tree = await treeOf({
    'd.c': pciDriver(`
	n = pci_alloc_irq_vectors(pdev, 8, 4, PCI_IRQ_MSIX);
	return 0;`),
  });
  assert.deepEqual(checkTree(tree, { layout: 'auto', severity: { 'msi/range-inverted': 'off' } }).findings, []);
  const [f] = checkTree(tree, { layout: 'auto', severity: { 'msi/range-inverted': 'info' } }).findings;
  assert.equal(f!.severity, 'info');
});

test('the map shows the allocation blocks of each device', async () => {
  const tree = await treeOf({
    'd.c': pciDriver(`
	n = pci_alloc_irq_vectors(pdev, 2, 8, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
	return 0;`),
  });
  const { map } = checkTree(tree, { layout: 'auto' });
  assert.deepEqual(
    map.devices.map((d) => d.key),
    ['d.c:pdev'],
  );
  const blocks = map.devices[0]!.domains[0]!.allocations.map((b) => `${b.first}..${b.last} ${b.certainty}`);
  assert.deepEqual(blocks.sort(), ['0..1 definite', '2..7 possible']);
});
