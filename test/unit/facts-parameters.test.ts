import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initParser } from '../../src/facts/index';
import { parseC } from '../../src/parse/parser';
import { parametersFromText, parametersOf } from '../../src/facts/parameters';

before(() => initParser());

/** The parameters of the first function definition of `text`. */
function params(text: string): unknown {
  const tree = parseC(text);
  try {
    return parametersOf(tree.rootNode.descendantsOfType('function_definition')[0] ?? null);
  } finally {
    tree.delete();
  }
}

test('parameters: names in order, and the struct a single pointer points to (const or not)', () => {
  assert.deepEqual(params('static int probe(struct pci_dev *pdev, const struct pci_device_id *id) { return 0; }'), [
    { name: 'pdev', pointsTo: 'pci_dev' },
    { name: 'id', pointsTo: 'pci_device_id' },
  ]);
});

test('parameters: (void) has none; arrays, function pointers and double pointers keep their names, no struct', () => {
  assert.deepEqual(params('int f(void) { return 0; }'), []);
  assert.deepEqual(params('int f(int v[4], void (*cb)(int), struct pci_dev **pp, unsigned long flags) { return 0; }'), [
    { name: 'v' },
    { name: 'cb' },
    { name: 'pp' },
    { name: 'flags' },
  ]);
});

test('parameters: no function definition gives undefined; the text fallback reads the same declarations the same way', () => {
  assert.equal(params('int x;'), undefined);
  assert.deepEqual(parametersFromText(['struct pci_dev *pdev', 'const struct msix_entry *e', 'int n']), [
    { name: 'pdev', pointsTo: 'pci_dev' },
    { name: 'e', pointsTo: 'msix_entry' },
    { name: 'n' },
  ]);
});
