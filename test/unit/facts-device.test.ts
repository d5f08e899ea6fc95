import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, extractFileFacts, initParser, type DeviceRef } from '../../src/facts/index';

before(() => initParser());

const header = `struct foo_adapter {
	struct pci_dev *pdev;
	struct ntb_dev *ntb;
	struct platform_device *plat;
};
`;

function devices(body: string, readInclude?: (f: string, s: string, q: boolean) => string | undefined): DeviceRef[] {
  const r = extractFileFacts({ file: 'drivers/foo/foo.c', text: body, era: defaultEra, ...(readInclude ? { readInclude } : {}) });
  return r.facts.map((f) => f.device!);
}

test('device classes and grouping keys from parameters, locals and struct fields', () => {
  const d = devices(`${header}
static void f(struct pci_dev *pdev, struct foo_adapter *adapter, struct auxiliary_device *adev,
	      struct mdev_device *m, struct device *dev, struct fsl_mc_device *mc, struct cdx_device *cdx)
{
	struct platform_device *plat = adapter->plat;
	msi_get_virq(&pdev->dev, 0);
	msi_get_virq(&adapter->pdev->dev, 0);
	msi_get_virq(&adev->dev, 0);
	msi_get_virq(mdev_dev(m), 0);
	msi_get_virq(dev, 0);
	msi_get_virq(&adapter->ntb->pdev->dev, 0);
	msi_get_virq(&adapter->ntb->dev, 0);
	msi_get_virq(&plat->dev, 0);
	msi_get_virq(&mc->dev, 0);
	msi_get_virq(&cdx->dev, 0);
	pci_irq_vector(to_pci_dev(dev), 0);
	msi_get_virq(dev->parent, 0);
	msi_get_virq(mystery(), 0);
}
`);
  assert.deepEqual(
    d.map((x) => [x.class, x.key]),
    [
      ['pci', 'pdev'],
      ['pci', 'adapter->pdev'],
      ['auxiliary', 'adev'],
      ['mdev', 'm'],
      ['device', 'dev'],
      ['pci', 'adapter->ntb->pdev'],
      ['ntb', 'adapter->ntb'],
      ['platform', 'adapter->plat'],
      ['fsl-mc', 'mc'],
      ['cdx', 'cdx'],
      ['pci', 'dev'],
      ['device', 'dev->parent'],
      ['unknown', 'mystery()'],
    ],
  );
  assert.deepEqual(d[1]!.path, ['adapter', '->pdev', '->dev', '&']);
  assert.equal(d[1]!.declaredType, 'struct pci_dev *');
  assert.equal(d[0]!.text, '&pdev->dev');
});

test('struct fields from a local header read through readInclude', () => {
  const d = devices(
    `#include "foo.h"
static int g(struct foo_adapter *a) { return pci_alloc_irq_vectors(a->pdev, 1, 2, PCI_IRQ_MSI) + msi_get_virq(&a->plat->dev, 1); }
`,
    (_f, spec, quoted) => (quoted && spec === 'foo.h' ? header : undefined),
  );
  assert.deepEqual(
    d.map((x) => [x.class, x.key]),
    [
      ['pci', 'a->pdev'],
      ['platform', 'a->plat'],
    ],
  );
});

test('a struct device * local assigned once from &X->dev groups with X', () => {
  const d = devices(`static void f(struct pci_dev *pdev)
{
	struct device *dev = &pdev->dev;
	msi_get_virq(dev, 0);
	pci_irq_vector(pdev, 0);
}
static void g(struct pci_dev *pdev, struct device *dev) { if (x) dev = &pdev->dev; else dev = other; msi_get_virq(dev, 0); }
`);
  assert.deepEqual(
    d.map((x) => [x.class, x.key, x.text]),
    [
      ['pci', 'pdev', 'dev'],
      ['pci', 'pdev', 'pdev'],
      ['device', 'dev', 'dev'],
    ],
  );
  assert.deepEqual(d[0]!.path, ['dev', 'pdev', '->dev', '&']);
});

test('a pci_* API argument is a PCI function even when its declaration is not visible', () => {
  const [d] = devices('static void h(void) { pci_free_irq_vectors(priv->pdev); }');
  assert.deepEqual([d!.class, d!.key, d!.declaredType], ['pci', 'priv->pdev', 'struct pci_dev *']);
});

test('a local copied once from a field groups with the field', () => {
  const d = devices(`${header}
static void a(struct foo_adapter *adapter) { struct pci_dev *pdev = adapter->pdev; pci_free_irq_vectors(pdev); }
static void b(struct foo_adapter *adapter) { pci_free_irq_vectors(adapter->pdev); }
static void c(struct foo_adapter *adapter, struct pci_dev *pdev) { pdev = adapter->pdev; if (x) pdev = other; pci_free_irq_vectors(pdev); }
`);
  assert.deepEqual(
    d.map((x) => x.key),
    ['adapter->pdev', 'adapter->pdev', 'pdev'],
  );
});

test("device accessors: the result is the same device as the argument (one key), of the accessor's class", () => {
  const d = devices(`static void f(struct pci_dev *pdev, struct auxiliary_device *adev, struct mdev_device *m)
{
	struct device *dev = &pdev->dev;
	struct pci_dev *same = to_pci_dev(dev);
	struct pci_dev *outer = container_of(dev, struct pci_dev, dev);
	pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	pci_irq_vector(to_pci_dev(dev), 0);
	pci_irq_vector(to_pci_dev(&pdev->dev), 1);
	pci_irq_vector(same, 2);
	pci_irq_vector(outer, 3);
	pci_irq_vector(pci_dev_get(pdev), 4);
	msi_get_virq(&to_pci_dev(dev)->dev, 5);
	msi_get_virq(&to_auxiliary_dev(&adev->dev)->dev, 0);
	msi_get_virq(mdev_dev(m), 0);
	msi_get_virq(&m->dev, 1);
	msi_get_virq(container_of(dev, struct platform_device, dev), 0);
}
`);
  assert.deepEqual(
    d.map((x) => [x.class, x.key]),
    [
      ['pci', 'pdev'],
      ['pci', 'pdev'],
      ['pci', 'pdev'],
      ['pci', 'pdev'],
      ['pci', 'pdev'],
      ['pci', 'pdev'],
      ['pci', 'pdev'],
      ['auxiliary', 'adev'],
      ['mdev', 'm'],
      ['mdev', 'm'],
      ['platform', 'pdev'],
    ],
  );
});

test('device accessors: to_pci_dev() of a plain struct device * groups with that device; a local assigned twice does not alias', () => {
  const d = devices(`static void f(struct device *dev, struct device *other)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct pci_dev *p2;
	pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	msi_get_virq(dev, 0);
	p2 = to_pci_dev(dev);
	if (x)
		p2 = to_pci_dev(other);
	pci_irq_vector(p2, 0);
}
`);
  assert.deepEqual(
    d.map((x) => [x.class, x.key]),
    [
      ['pci', 'dev'],
      ['device', 'dev'],
      ['pci', 'p2'],
    ],
  );
});
