// The real-tree ground truth's own finder (test/realtree/lexical-calls.ts): it must count calls
// only, whatever surrounds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexicalCalls } from '../realtree/lexical-calls';

const names = ['pci_irq_vector', 'pci_enable_msi', 'msi_first_desc', 'pci_alloc_irq_vectors'];

test('lexicalCalls finds calls and skips declarations, definitions, members, macros, comments and strings', () => {
  const text = [
    '#define MY_VEC(p) pci_irq_vector(p, 0)', // 1: #define body
    '#define MY_TWO(p) \\', // 2
    '\tpci_enable_msi(p)', // 3: continued #define body
    'int pci_irq_vector(struct pci_dev *dev, unsigned int nr);', // 4: declaration
    'struct msi_desc *msi_first_desc(struct device *dev,', // 5: pointer-returning declaration
    '\t\t\t\tenum msi_desc_filter filter);', // 6
    'static int probe(struct pci_dev *pdev)', // 7
    '{', // 8
    '\t/* pci_enable_msi(pdev) in a comment */ int n = pci_alloc_irq_vectors(pdev, 1, 2, 0);', // 9: call
    '\tdev_info(&pdev->dev, "pci_irq_vector(%d)", n); // pci_irq_vector(pdev, 1)', // 10: string and comment
    '\tops->pci_irq_vector(pdev, 0);', // 11: member
    '\tif (!pci_enable_msi (pdev))', // 12: call, space before (
    '\t\treturn pci_irq_vector(pdev, 0) + pci_irq_vector(pdev, 1);', // 13: two calls
    "\tc = ')'; x = msi_first_desc(&pdev->dev, 0);", // 14: char literal then call
    '\treturn 0;', // 15
    '}', // 16
  ].join('\n');
  assert.deepEqual(lexicalCalls(text, names), [
    { line: 9, api: 'pci_alloc_irq_vectors', function: 'probe' },
    { line: 12, api: 'pci_enable_msi', function: 'probe' },
    { line: 13, api: 'pci_irq_vector', function: 'probe' },
    { line: 13, api: 'pci_irq_vector', function: 'probe' },
    { line: 14, api: 'msi_first_desc', function: 'probe' },
  ]);
});

test('lexicalCalls counts an unterminated comment or string as running to its end, without throwing', () => {
  assert.deepEqual(lexicalCalls('x = pci_irq_vector(p, 0); /* pci_enable_msi(p)', names), [{ line: 1, api: 'pci_irq_vector', function: '' }]);
  assert.deepEqual(lexicalCalls('s = "pci_enable_msi(p)\ny = pci_enable_msi(p);', names), [{ line: 2, api: 'pci_enable_msi', function: '' }]);
});

test('lexicalCalls names the enclosing function, past trailing annotations, and none in initialisers', () => {
  const text = [
    'static void f(struct pci_dev *p) __must_hold(&p->lock) __acquires(x)', // 1
    '{', // 2
    '\tif (p) { pci_enable_msi(p); }', // 3: nested block
    '}', // 4
    'static int (*hook)(int) = 0;', // 5
    'static struct ops o = { .v = pci_irq_vector(0, 0) };', // 6: file scope initialiser
    'int g(void) { return pci_irq_vector(0, 1); }', // 7
  ].join('\n');
  assert.deepEqual(lexicalCalls(text, names), [
    { line: 3, api: 'pci_enable_msi', function: 'f' },
    { line: 6, api: 'pci_irq_vector', function: '' },
    { line: 7, api: 'pci_irq_vector', function: 'g' },
  ]);
});

test('lexicalCalls counts a lock-guard class used in guard() or scoped_guard() as a call of it', () => {
  const text = 'void f(struct device *d)\n{\n\tguard(msi_descs_lock)(d);\n\tscoped_guard (msi_descs_lock, d) { }\n\tmsi_descs_lock(d);\n}';
  assert.deepEqual(lexicalCalls(text, ['msi_descs_lock']), [
    { line: 3, api: 'msi_descs_lock', function: 'f' },
    { line: 4, api: 'msi_descs_lock', function: 'f' },
    { line: 5, api: 'msi_descs_lock', function: 'f' },
  ]);
});
