import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueNames } from '../../src/facts/index';
import { chooseAnchors, createPrefilter } from '../../src/workspace/prefilter';

test('every catalogue name is covered by one of the three short anchors', () => {
  assert.deepEqual(chooseAnchors(catalogueNames()).sort(), ['ms_', 'msi', 'q_vec']);
});

test('a name without a preferred anchor becomes its own anchor', () => {
  assert.deepEqual(chooseAnchors(['pci_irq_vector', 'irq_domain_alloc_irqs']), ['q_vec', 'irq_domain_alloc_irqs']);
  const p = createPrefilter(['irq_domain_alloc_irqs']);
  assert.deepEqual(p.firstHit(Buffer.from('x = irq_domain_alloc_irqs(d, 1);')), { name: 'irq_domain_alloc_irqs', offset: 4 });
});

test('prefilter reports the first whole-word API name and its offset', () => {
  const p = createPrefilter(catalogueNames());
  assert.deepEqual(p.firstHit(Buffer.from('\tret = pci_enable_msix_range(pdev, e, 1, 4);\n')), { name: 'pci_enable_msix_range', offset: 7 });
  assert.deepEqual(p.firstHit(Buffer.from('n = pci_irq_vector(pdev, 0);')), { name: 'pci_irq_vector', offset: 4 });
});

test('prefilter rejects anchors and names that are only parts of longer identifiers', () => {
  const p = createPrefilter(catalogueNames());
  assert.equal(p.firstHit(Buffer.from('int msi_count; /* msi */ my_pci_irq_vector(x); pci_irq_vector_count(y);')), undefined);
  assert.equal(p.firstHit(Buffer.from('static int foo(void) { return 0; }')), undefined);
  assert.equal(p.firstHit(Buffer.alloc(0)), undefined);
});
