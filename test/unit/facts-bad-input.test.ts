import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, extractFileFacts, initParser, MAX_PARSE_BYTES } from '../../src/facts/index';

before(() => initParser());

const extract = (text: string) => extractFileFacts({ file: 'bad.c', text, era: defaultEra });

function seededBytes(n: number, seed: number): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(1 + (x % 255));
  }
  return s;
}

test('random bytes: no crash; random bytes around a call still find it', () => {
  const noise = seededBytes(200_000, 7);
  const r = extract(noise);
  assert.ok(Array.isArray(r.facts));
  const mixed = extract(`${seededBytes(5000, 3)}\n;\nvoid f(struct pci_dev *p) { pci_disable_msi(p); }\n${seededBytes(5000, 4)}`);
  assert.ok(mixed.facts.some((f) => f.api === 'pci_disable_msi'));
});

test('NUL bytes: a problem naming the file, no facts', () => {
  const r = extract('int a;\u0000\u0001 pci_disable_msi(p);');
  assert.deepEqual(
    r.problems.map((p) => [p.file, p.line, p.severity]),
    [['bad.c', 1, 'warning']],
  );
  assert.match(r.problems[0]!.message, /NUL bytes/);
  assert.equal(r.facts.length, 0);
});

test('truncated file: the call before the cut is found; a call cut mid-argument list is reported', () => {
  const full = 'static int f(struct pci_dev *pdev)\n{\n\tpci_disable_msix(pdev);\n\treturn pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n}\n';
  const cut = full.slice(0, full.indexOf('1, 4'));
  const r = extract(cut);
  assert.deepEqual(
    r.facts.map((f) => f.api),
    ['pci_disable_msix'],
  );
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.column, p.message]),
    [[4, 9, 'pci_alloc_irq_vectors: unbalanced parentheses after the call; arguments not read']],
  );
});

test('unbalanced braces and macros everywhere: partial result in bounded time', () => {
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) {
    lines.push(
      `DEFINE_FOO(bar${i}) {{ MACRO_${i}(x) ) } #if X`,
      `static int f${i}(struct pci_dev *pdev) { if (x) { pci_irq_vector(pdev, ${i % 7});`,
      '#endif',
      '}}}',
    );
  }
  const t0 = Date.now();
  const r = extract(lines.join('\n'));
  assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`); // generous: shared CI machines; a hang or a quadratic blow-up takes minutes
  assert.equal(r.facts.length, 4000);
  assert.equal(r.facts[6]!.index!.value, 6);
});

test('a 20 MB file: a clear size-limit problem, returned at once', () => {
  const big = 'int x;\n'.repeat(Math.ceil((20 * 1024 * 1024) / 7));
  assert.ok(big.length > MAX_PARSE_BYTES);
  const t0 = Date.now();
  const r = extract(big);
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /^file is 20\.0 MB, over the 8 MB parse limit: not analysed$/);
});

test('declarations, prototypes, #define bodies, comments and strings are never facts', () => {
  const r = extract(`#define my_alloc(p) pci_alloc_irq_vectors(p, 1, 1, PCI_IRQ_MSI)
#define wrap(p) \\
	pci_free_irq_vectors(p)
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);
struct msi_map pci_msix_alloc_irq_at(struct pci_dev *dev, unsigned int index,
				     const struct irq_affinity_desc *affdesc);
static inline void pci_disable_msi(struct pci_dev *dev) { }
int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	/* pci_free_irq_vectors(dev); */
	pr_info("pci_disable_msix(dev) failed\\n"); // pci_enable_msi(dev)
	return msi_get_virq(&dev->dev, nr);
}
EXPORT_SYMBOL(pci_irq_vector);
`);
  assert.deepEqual(
    r.facts.map((f) => [f.api, f.range.line, f.function]),
    [['msi_get_virq', 12, 'pci_irq_vector']],
  );
});

test('3,000 and 20,000 nested parentheses in an argument: a warning naming the depth, no stack overflow', () => {
  for (const n of [3000, 20_000]) {
    const text = `static int foo_probe(struct pci_dev *pdev)\n{\n\treturn pci_alloc_irq_vectors(pdev, 1, ${'('.repeat(n)}4${')'.repeat(n)}, PCI_IRQ_MSIX);\n}\n`;
    const r = extract(text);
    assert.deepEqual(
      r.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`),
      [`3:9 warning pci_alloc_irq_vectors: an argument nests ${n} levels deep (the limit is 256): its value is not evaluated and taken as unknown`],
    );
    assert.equal(r.facts[0]!.max?.value, undefined);
  }
  // Under the limit the value is read as before.
  const ok = extract(
    `static int f(struct pci_dev *pdev)\n{\n\treturn pci_alloc_irq_vectors(pdev, 1, ${'('.repeat(200)}4${')'.repeat(200)}, PCI_IRQ_MSIX);\n}\n`,
  );
  assert.deepEqual([ok.problems, ok.facts[0]!.max?.value], [[], 4]);
});
