import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, extractFileFacts, IncrementalDocument, initParser, type FileFacts } from '../../src/facts/index';

before(() => initParser());

const text = `#define NV 4
static int setup(struct pci_dev *pdev)
{
	int ret = pci_alloc_irq_vectors(pdev, 1, NV, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	return 0;
}

static void teardown(struct pci_dev *pdev)
{
	pci_free_irq_vectors(pdev);
}
`;

/** Everything but fact ids, which an incremental update may renumber. */
function comparable(f: FileFacts): unknown {
  const ids = new Map(f.facts.map((x, i) => [x.id, i]));
  return JSON.parse(JSON.stringify(f, (k, v: unknown) => ((k === 'id' || k === 'fact') && typeof v === 'number' ? (ids.get(v) ?? v) : v)));
}

function full(t: string, file = 'a.c'): FileFacts {
  return extractFileFacts({ file, text: t, era: defaultEra });
}

test('an edit inside a function re-extracts that function only and equals a full extraction', () => {
  const doc = new IncrementalDocument('a.c', text, defaultEra);
  const at = text.indexOf('1, NV');
  doc.applyEdit({ startOffset: at, oldEndOffset: at + 1, newText: '2' });
  assert.equal(doc.lastEdit, 'function');
  assert.equal(doc.facts().facts[0]!.min!.value, 2);
  assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText())));
  // A new line inside setup moves teardown's fact down by one.
  const nl = doc.getText().indexOf('\treturn 0;');
  doc.applyEdit({ startOffset: nl, oldEndOffset: nl, newText: '\tpci_irq_vector(pdev, 0);\n' });
  assert.equal(doc.lastEdit, 'function');
  assert.deepEqual(
    doc.facts().facts.map((f) => [f.api, f.range.line, f.range.column]),
    [
      ['pci_alloc_irq_vectors', 4, 12],
      ['pci_irq_vector', 7, 2],
      ['pci_free_irq_vectors', 13, 2],
    ],
  );
  assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText())));
  doc.dispose();
});

test('balanced braces typed inside a function stay on the per-function path; unbalanced ones do not', () => {
  const doc = new IncrementalDocument('a.c', text, defaultEra);
  const at = doc.getText().indexOf('\treturn 0;');
  doc.applyEdit({ startOffset: at, oldEndOffset: at, newText: '\tif (ret > 2) {\n\t\tpci_irq_vector(pdev, 1);\n\t}\n' });
  assert.equal(doc.lastEdit, 'function');
  assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText())));
  const open = doc.getText().indexOf('\treturn 0;');
  doc.applyEdit({ startOffset: open, oldEndOffset: open, newText: '{' });
  assert.equal(doc.lastEdit, 'full');
  assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText())));
});

test('edits that can change structure fall back to a full extraction', () => {
  const doc = new IncrementalDocument('a.c', text, defaultEra);
  const at = text.indexOf('static void');
  doc.applyEdit({ startOffset: at, oldEndOffset: at, newText: 'static void extra(struct pci_dev *p) { pci_disable_msi(p); }\n' });
  assert.equal(doc.lastEdit, 'full');
  assert.deepEqual(
    doc.facts().facts.map((f) => f.api),
    ['pci_alloc_irq_vectors', 'pci_disable_msi', 'pci_free_irq_vectors'],
  );
  const c = doc.getText().indexOf('return ret;');
  doc.applyEdit({ startOffset: c, oldEndOffset: c, newText: '/* ' });
  assert.equal(doc.lastEdit, 'full');
  assert.throws(() => doc.applyEdit({ startOffset: 5, oldEndOffset: 1, newText: '' }), RangeError);
});

test('random edits inside function bodies of the examples always equal a full extraction', () => {
  const { readFileSync, readdirSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const dir = join(__dirname, '..', '..', '..', 'examples');
  let seed = 11;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let functionEdits = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.c'))) {
    const original = readFileSync(join(dir, name), 'utf8');
    const doc = new IncrementalDocument(name, original, defaultEra);
    for (let i = 0; i < 25; i++) {
      const t = doc.getText();
      const bodyStart = t.indexOf('\n{\n', rand(t.length));
      if (bodyStart < 0) continue;
      const at = bodyStart + 3 + rand(20);
      const newText = ['\n', ' ', '\n\n\t', 'x', '{ }', '}'][rand(6)]!;
      const remove = rand(3) === 0 && /[ \t]/.test(t[at] ?? '') ? 1 : 0;
      doc.applyEdit({ startOffset: at, oldEndOffset: at + remove, newText });
      if (doc.lastEdit === 'function') functionEdits++;
      assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText(), name)), `${name} after edit ${i} at ${at}`);
    }
  }
  assert.ok(functionEdits > 50, `only ${functionEdits} edits took the per-function path`);
});

test('conditionals: an edit in a function with #ifdef blocks equals a full extraction; an edit inside a dead branch re-extracts the file', () => {
  const src = `static int setup(struct pci_dev *pdev)
{
	int ret = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
#ifdef DRV_NEVER
	pci_enable_msi(pdev);
#endif
#ifdef CONFIG_PCI_MSI
	if (ret < 0)
		return ret;
#endif
	return pci_irq_vector(pdev, 1);
}
`;
  const doc = new IncrementalDocument('a.c', src, defaultEra);
  const at = src.indexOf('1, 4');
  doc.applyEdit({ startOffset: at, oldEndOffset: at, newText: '1 + ' });
  assert.equal(doc.lastEdit, 'function');
  assert.deepEqual(
    doc.facts().facts.map((f) => [f.api, f.range.line, f.conditional?.macro]),
    [
      ['pci_alloc_irq_vectors', 3, undefined],
      ['pci_irq_vector', 11, undefined],
    ],
  );
  assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText())));
  const dead = doc.getText().indexOf('pci_enable_msi');
  doc.applyEdit({ startOffset: dead, oldEndOffset: dead, newText: 'x' });
  assert.equal(doc.lastEdit, 'full');
  assert.deepEqual(comparable(doc.facts()), comparable(full(doc.getText())));
  doc.dispose();
});
