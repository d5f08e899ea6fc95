import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue, catalogueNames, defaultEra, extractFileFacts, initParser, type EraInfo, type MsiFact } from '../../src/facts/index';

const era61: EraInfo = { era: 'xarray', label: '6.1', source: 'test', domainIds: {}, intxFlag: 'PCI_IRQ_LEGACY' };

before(() => initParser());

function factsOf(body: string, era: EraInfo = defaultEra): MsiFact[] {
  return extractFileFacts({ file: 'x.c', text: `#include <linux/msi.h>\n${body}\n`, era }).facts;
}

test('catalogue names cover every API of the issue', () => {
  const names = new Set(catalogueNames());
  for (const n of [
    'msi_domain_alloc_irqs',
    'msi_domain_alloc_irqs_range',
    'msi_domain_alloc_irqs_range_locked',
    'msi_domain_alloc_irqs_all_locked',
    'msi_domain_alloc_irqs_descs_locked',
    'msi_domain_alloc_irq_at',
    'msi_domain_free_irqs',
    'msi_domain_free_irqs_range',
    'msi_domain_free_irqs_range_locked',
    'msi_domain_free_irqs_all',
    'msi_domain_free_irqs_all_locked',
    'msi_domain_free_irqs_descs_locked',
    'msi_create_device_irq_domain',
    'msi_insert_msi_desc',
    'msi_domain_insert_msi_desc',
    'msi_add_msi_desc',
    'msi_free_msi_descs',
    'msi_free_msi_descs_range',
    'msi_domain_free_msi_descs_range',
    'msi_get_virq',
    'msi_domain_get_virq',
    'msi_for_each_desc',
    'msi_domain_for_each_desc',
    'msi_first_desc',
    'msi_domain_first_desc',
    'msi_next_desc',
    'pci_alloc_irq_vectors',
    'pci_alloc_irq_vectors_affinity',
    'pci_enable_msi',
    'pci_enable_msi_range',
    'pci_enable_msix_range',
    'pci_enable_msix_exact',
    'pci_msix_alloc_irq_at',
    'pci_msix_free_irq',
    'pci_msix_can_alloc_dyn',
    'pci_irq_vector',
    'pci_free_irq_vectors',
    'pci_disable_msi',
    'pci_disable_msix',
    'pci_create_ims_domain',
    'pci_ims_alloc_irq',
    'pci_ims_free_irq',
    'platform_device_msi_init_and_alloc_irqs',
    'platform_device_msi_free_irqs_all',
    'platform_msi_domain_alloc_irqs',
    'platform_msi_domain_free_irqs',
    'fsl_mc_msi_domain_alloc_irqs',
    'ti_sci_inta_msi_domain_alloc_irqs',
  ]) {
    assert.ok(names.has(n), n);
  }
  assert.equal(names.size, catalogue.length);
});

test('msi_domain_alloc_irqs: 6.1 (domain, dev, nvec) and 6.2+ (dev, domid, nirqs) by the first argument', () => {
  const [old] = factsOf('static int f(struct irq_domain *domain, struct device *dev) { return msi_domain_alloc_irqs(domain, dev, 4); }');
  assert.equal(old!.signature, '6.1');
  assert.equal(old!.irqDomain, 'domain');
  assert.equal(old!.device!.key, 'dev');
  assert.equal(old!.count!.value, 4);
  assert.equal(old!.domain, undefined);
  const [neu] = factsOf('static int f(struct device *dev) { return msi_domain_alloc_irqs(dev, MSI_DEFAULT_DOMAIN, 4); }');
  assert.equal(neu!.signature, '6.2+');
  assert.equal(neu!.domain!.value, 0);
  assert.equal(neu!.count!.value, 4);
  assert.equal(neu!.irqDomain, undefined);
});

test('the member named last decides: dev->msi.domain is a domain, &pdev->dev a device', () => {
  const [a] = factsOf('static int f(struct device *dev) { return msi_domain_alloc_irqs(dev->msi.domain, dev, 2); }');
  assert.deepEqual([a!.signature, a!.irqDomain, a!.device!.key], ['6.1', 'dev->msi.domain', 'dev']);
  const [b] = factsOf('static int f(struct pci_dev *pdev) { return msi_domain_alloc_irqs(&pdev->dev, 0, 2); }');
  assert.deepEqual([b!.signature, b!.device!.key], ['6.2+', 'pdev']);
});

test('ambiguous first argument falls back on the era', () => {
  const body = 'static int f(void *a, void *b) { return msi_domain_alloc_irqs(a, b, 2); }';
  assert.equal(factsOf(body, era61)[0]!.signature, '6.1');
  assert.equal(factsOf(body)[0]!.signature, '6.2+');
});

test('msi_free_msi_descs_range: 4 arguments in 6.1, 3 in 6.2+', () => {
  const [a] = factsOf('static void f(struct device *dev) { msi_free_msi_descs_range(dev, MSI_DESC_ALL, 2, 5); }');
  assert.deepEqual([a!.signature, a!.first!.value, a!.last!.value, a!.domain], ['6.1', 2, 5, undefined]);
  const [b] = factsOf('static void f(struct device *dev) { msi_free_msi_descs_range(dev, 2, 5); }');
  assert.deepEqual([b!.signature, b!.first!.value, b!.last!.value, b!.domain!.value], ['6.2+', 2, 5, 0]);
});

test('msi_next_desc: (dev, filter) in 6.1, (dev, domid, filter) in 6.2+', () => {
  assert.equal(factsOf('static void f(struct device *dev) { msi_next_desc(dev, MSI_DESC_ALL); }')[0]!.signature, '6.1');
  const [b] = factsOf('static void f(struct device *dev) { msi_next_desc(dev, 0, MSI_DESC_ALL); }');
  assert.equal(b!.signature, '6.2+');
  assert.equal(b!.kind, 'iterate');
});

test('kinds, implied domains and implied flags', () => {
  const facts = factsOf(`static int f(struct pci_dev *pdev)
{
	int n = pci_enable_msi(pdev);
	struct msi_map map = pci_ims_alloc_irq(pdev, NULL, NULL);
	pci_disable_msix(pdev);
	return msi_create_device_irq_domain(&pdev->dev, 0, NULL, 64, NULL, NULL);
}`);
  assert.deepEqual(
    facts.map((f) => [f.api, f.kind]),
    [
      ['pci_enable_msi', 'alloc'],
      ['pci_ims_alloc_irq', 'alloc'],
      ['pci_disable_msix', 'free'],
      ['msi_create_device_irq_domain', 'create-domain'],
    ],
  );
  assert.deepEqual(facts[0]!.flags, ['PCI_IRQ_MSI']);
  assert.equal(facts[0]!.count!.value, 1);
  assert.equal(facts[0]!.result, 'n');
  assert.equal(facts[1]!.domain!.value, 1); // IMS: MSI_SECONDARY_DOMAIN
  assert.equal(facts[1]!.result, 'map');
  assert.deepEqual(facts[2]!.flags, ['PCI_IRQ_MSIX']);
  assert.equal(facts[3]!.hwsize!.value, 64);
});

test('wrong argument count: a fact without roles and an info problem, never a crash', () => {
  const r = extractFileFacts({ file: 'x.c', text: 'void f(struct pci_dev *p) { pci_irq_vector(p); }\n', era: defaultEra });
  assert.equal(r.facts.length, 1);
  assert.equal(r.facts[0]!.device, undefined);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /pci_irq_vector called with 1 argument\(s\); the catalogue knows 2/);
  assert.equal(r.problems[0]!.line, 1);
});

test('derived indices: msi_map arguments, caller-built descriptors, IMS at MSI_ANY_INDEX', () => {
  const facts = factsOf(`static void r(struct pci_dev *pdev, struct foo *dma, struct device *dev, struct msi_desc *d)
{
	struct msi_desc desc = { };

	desc.msi_index = 3;
	msi_insert_msi_desc(dev, &desc);
	msi_domain_insert_msi_desc(dev, 0, d);
	pci_msix_free_irq(pdev, dma->err_map);
	pci_ims_alloc_irq(pdev, NULL, NULL);
}`);
  assert.deepEqual(
    facts.map((f) => [f.api, f.index!.text, f.index!.value]),
    [
      ['msi_insert_msi_desc', 'desc.msi_index', 3],
      ['msi_domain_insert_msi_desc', 'd->msi_index', undefined],
      ['pci_msix_free_irq', 'dma->err_map.index', undefined],
      ['pci_ims_alloc_irq', 'MSI_ANY_INDEX (implied)', 0xffffffff],
    ],
  );
  assert.deepEqual(facts[0]!.index!.chain, ['desc.msi_index = 3']);
  assert.equal(facts[3]!.index!.anyIndex, true);
});
