// A limit says what it skipped and never makes a finding more certain (issue 15): statements
// nested deeper than the skeleton follows are named with file:line, and an error in that function
// is at most a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTree } from '../../src/engine/check-tree';
import { treeOf } from './check-helpers';

const probe = (depth: number) => `static int foo_probe(struct pci_dev *pdev)
{
	if (pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX) < 0) return -ENODEV;
	${'{'.repeat(depth)} pci_free_irq_vectors(pdev); ${'}'.repeat(depth)}
	return pci_enable_msi(pdev);
}
`;

test('statements nested more than 200 deep: a problem at the first dropped one, and the error becomes a warning', async () => {
  const tree = await treeOf({ 'd.c': probe(210) });
  assert.deepEqual(
    tree.files[0]!.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`),
    ['d.c:4:203 warning foo_probe: statements nested more than 200 deep are not modelled from here on; findings in foo_probe() are at most warnings'],
  );
  const result = checkTree(tree, { layout: 'auto' });
  // The dropped free leaves MSI-X on: the enable fails and probe returns with the vectors; both at most warnings.
  assert.deepEqual(
    result.findings.map((f) => `${f.code}@${f.range.line} ${f.severity}`),
    ['msi/leak@5 warning', 'msi/msi-msix-exclusive@5 warning'],
  );
  for (const f of result.findings) assert.match(f.assumptions[0]!, /^foo_probe\(\) has statements nested deeper than the model follows \(from d\.c:4\)/);
});

test('the same function within the limit: no problem, and the free before the enable is seen (no finding)', async () => {
  const tree = await treeOf({ 'd.c': probe(150) });
  assert.deepEqual(tree.files[0]!.problems, []);
  assert.deepEqual(checkTree(tree, { layout: 'auto' }).findings, []);
  assert.equal(tree.files[0]!.functions[0]!.truncated, undefined);
});
