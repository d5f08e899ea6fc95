import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { clearHeaderCache, collectDefines, defaultEra, evaluate, extractFileFacts, initParser, type MsiFact } from '../../src/facts/index';

before(() => initParser());

const env = (text: string) => {
  const table = collectDefines(text, 'x.c');
  return { lookup: (n: string) => (Object.hasOwn(table, n) ? table[n] : undefined) };
};

test('collectDefines: object-like, function-like, continued lines, enums, arrays; comments ignored', () => {
  const t = collectDefines(
    `#define A 4 /* four */
#define B(x) ((x) * 2)
#define C \\
	(A + 1)
// #define D 99
enum e { E0, E1 = 5, E2, };
static const int tab[] = { 1, 2, 3 };
static int fixed[A];
`,
    'd.h',
  );
  assert.deepEqual(t['A'], { kind: 'object', body: '4', file: 'd.h', line: 1 });
  assert.deepEqual(t['B'], { kind: 'function', body: '((x) * 2)', params: ['x'], file: 'd.h', line: 2 });
  assert.equal(t['C']!.body, '(A + 1)');
  assert.equal(t['D'], undefined);
  assert.deepEqual([t['E0']!.body, t['E1']!.body, t['E2']!.body], ['0', '5', '(E1) + 1']);
  assert.equal(t['array:tab']!.body, '3');
  assert.equal(t['array:fixed']!.body, 'A');
  assert.equal(JSON.parse(JSON.stringify(t))['A'].body, '4'); // plain, serialisable
});

test('evaluate: chains, enums, BIT, GENMASK, shifts, casts, ternary, min_t/max', () => {
  const e = env(`#define BASE 8
#define NVEC (BASE + 4)
#define TWICE(x) ((x) << 1)
enum { Q0, Q1, Q2, QMAX };
#define ERR_VEC BIT(3)
`);
  const r = evaluate('NVEC', e);
  assert.equal(r.value, 12);
  assert.deepEqual(r.chain, ['NVEC -> (BASE + 4)', 'BASE -> 8']);
  assert.equal(evaluate('TWICE(NVEC) - 1', e).value, 23);
  assert.equal(evaluate('QMAX', e).value, 3);
  assert.equal(evaluate('ERR_VEC', e).value, 8);
  assert.equal(evaluate('GENMASK(7, 4)', e).value, 0xf0);
  assert.equal(evaluate('(u16)(NVEC * 2)', e).value, 24);
  assert.equal(evaluate('min_t(int, NVEC, 10)', e).value, 10);
  assert.equal(evaluate('max(QMAX, 1)', e).value, 3);
  assert.equal(evaluate('NVEC > 10 ? 1 : 2', e).value, 1);
  assert.equal(evaluate('0x10 | 1', e).value, 17);
  assert.equal(evaluate('1UL << 40', e).value, 2 ** 40);
});

test('evaluate: ARRAY_SIZE and sizeof(a)/sizeof(a[0]) of visible arrays', () => {
  const e = env('static struct msix_entry ents[] = { {0}, {1}, {5} };\nstatic u32 regs[16];\n');
  assert.equal(evaluate('ARRAY_SIZE(ents)', e).value, 3);
  assert.equal(evaluate('sizeof(regs) / sizeof(regs[0])', e).value, 16);
  assert.equal(evaluate('sizeof(ents)/sizeof(*ents)', e).value, 3);
  assert.equal(evaluate('ARRAY_SIZE(unknown)', e).value, undefined);
  // sizeof of arrays whose element size does not depend on the architecture
  const f = env('static u16 qmap[12];\nstatic struct msix_entry ents[] = { {0}, {1} };\nstatic long opaque[4];\n');
  assert.equal(evaluate('sizeof(qmap)', f).value, 24);
  assert.equal(evaluate('sizeof qmap[0]', f).value, 2);
  assert.equal(evaluate('sizeof(ents) / 8', f).value, 2);
  assert.equal(evaluate('sizeof(*ents)', f).value, 8);
  assert.equal(evaluate('sizeof(opaque)', f).value, undefined);
});

test('evaluate: non-constants stay symbolic, cycles terminate, MSI_ANY_INDEX flagged', () => {
  const e = env('#define LOOP LOOP2\n#define LOOP2 LOOP\n');
  const r = evaluate('adapter->nvec + 1', e);
  assert.equal(r.value, undefined);
  assert.deepEqual(r.symbols, ['adapter']);
  assert.equal(evaluate('LOOP', e).value, undefined);
  assert.equal(evaluate('num_online_cpus()', e).value, undefined);
  assert.equal(evaluate('"str"', e).value, undefined);
});

function factsOf(text: string): MsiFact[] {
  return extractFileFacts({
    file: 'drivers/x/x.c',
    text,
    era: defaultEra,
    readInclude: (_from, spec, quoted) => (quoted && spec === 'x.h' ? '#define X_BASE 2\n#define X_VECS (X_BASE * 3)\n' : undefined),
  }).facts;
}

test('arguments resolve through local headers read with readInclude, MSI_ANY_INDEX', () => {
  const [a, b] = factsOf(`#include "x.h"
static int f(struct pci_dev *pdev)
{
	int n = pci_alloc_irq_vectors(pdev, X_BASE, X_VECS, PCI_IRQ_ALL_TYPES);
	struct msi_map m = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);
	return n;
}
`);
  assert.equal(a!.min!.value, 2);
  assert.equal(a!.max!.value, 6);
  assert.deepEqual(a!.max!.chain, ['X_VECS -> (X_BASE * 3)', 'X_BASE -> 2']);
  assert.deepEqual(a!.flags, ['PCI_IRQ_INTX', 'PCI_IRQ_MSI', 'PCI_IRQ_MSIX']);
  assert.equal(b!.index!.anyIndex, true);
  assert.equal(b!.index!.value, 0xffffffff);
});

test('flags: PCI_IRQ_LEGACY == PCI_IRQ_INTX, named as the era names it; source order kept', () => {
  const [a] = factsOf('void f(struct pci_dev *p) { pci_alloc_irq_vectors(p, 1, 1, PCI_IRQ_LEGACY); }');
  assert.deepEqual(a!.flags, ['PCI_IRQ_INTX']);
  const [b] = extractFileFacts({
    file: 'y.c',
    text: 'void f(struct pci_dev *p) { pci_alloc_irq_vectors(p, 1, 8, PCI_IRQ_MSIX | PCI_IRQ_MSI | PCI_IRQ_INTX); }',
    era: { ...defaultEra, intxFlag: 'PCI_IRQ_LEGACY' },
  }).facts;
  assert.deepEqual(b!.flags, ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_LEGACY']);
  const [c] = factsOf('void f(struct pci_dev *p, unsigned int fl) { pci_alloc_irq_vectors(p, 1, 8, fl | PCI_IRQ_AFFINITY); }');
  assert.deepEqual(c!.flags, ['PCI_IRQ_AFFINITY']);
  assert.equal(c!.flagsPartial, true);
  assert.equal(a!.flagsPartial, undefined);
  const [d] = factsOf(`void f(struct pci_dev *p, int m) {
	unsigned int flags = PCI_IRQ_INTX;
	if (m)
		flags |= PCI_IRQ_MSI;
	pci_alloc_irq_vectors(p, 1, 1, flags);
}`);
  assert.deepEqual([d!.flags, d!.flagsPartial], [['PCI_IRQ_INTX', 'PCI_IRQ_MSI'], undefined]);
  const [e] = factsOf('void f(struct pci_dev *p, int m) { int flags = m; flags |= PCI_IRQ_MSIX; pci_alloc_irq_vectors(p, 1, 1, flags); }');
  assert.deepEqual([e!.flags, e!.flagsPartial], [undefined, true]);
});

test('kernel <linux/...> headers and linux/pci_ids.h are read lazily through readInclude', () => {
  clearHeaderCache(); // header tables are cached per thread
  const reads: string[] = [];
  const readInclude = (_from: string, spec: string, quoted: boolean): string | undefined => {
    reads.push(`${quoted ? 'q' : 'a'}:${spec}`);
    if (!quoted && spec === 'linux/lensk.h') return '#define LENSK_MAX_VECS 6\n';
    if (!quoted && spec === 'linux/pci_ids.h') return '#define PCI_DEVICE_ID_LENSK_X 0x77\n';
    return undefined;
  };
  const text = `#include <linux/lensk.h>
static const struct pci_device_id ids[] = { { PCI_DEVICE(0x1e5e, PCI_DEVICE_ID_LENSK_X) }, { } };
static int f(struct pci_dev *pdev, int n) { return pci_alloc_irq_vectors(pdev, n, LENSK_MAX_VECS, PCI_IRQ_MSIX); }
`;
  const r = extractFileFacts({ file: 'drivers/k/k.c', text, era: defaultEra, readInclude });
  assert.equal(r.facts[0]!.max!.value, 6);
  assert.deepEqual(
    r.pciIds.map((e) => [e.vendor, e.device]),
    [[0x1e5e, 0x77]],
  );
  // `n` is lower case: never looked up in headers. Each header is read at most once.
  assert.deepEqual([...new Set(reads)].sort(), ['a:linux/lensk.h', 'a:linux/pci_ids.h']);
});

test('headerDefines supplied by the caller resolve before any header is read', () => {
  const headerDefines = collectDefines('#define TREE_NVEC (2 * 8)\n', 'include/tree.h');
  let reads = 0;
  const r = extractFileFacts({
    file: 'h.c',
    era: defaultEra,
    headerDefines,
    readInclude: () => {
      reads++;
      return undefined;
    },
    text: '#include "tree.h"\nvoid f(struct pci_dev *p) { pci_alloc_irq_vectors(p, 1, TREE_NVEC, PCI_IRQ_MSI); }\n',
  });
  assert.equal(r.facts[0]!.max!.value, 16);
  assert.deepEqual(r.facts[0]!.max!.chain, ['TREE_NVEC -> (2 * 8)']);
  assert.equal(reads, 0);
});

test('locals holding constants: declaration initialisers count, locals chain, ARRAY_SIZE of a table; the whole function decides', () => {
  const [a, b, c, d, e, f, g, h] = factsOf(`static const u32 tbl[] = { 1, 2, 3 };
static int f(struct pci_dev *pdev, int param, int cond)
{
	int min = 17, max = 32;
	const int n = ARRAY_SIZE(tbl);
	int twice = n * 2;
	int changed = 4;
	int addressed = 4;
	int counted = 0;
	int either = 2;

	if (cond)
		either = 8;
	changed = get_count(pdev);
	of_read(pdev, &addressed);
	counted++;
	pci_alloc_irq_vectors(pdev, min, max, PCI_IRQ_MSIX);
	pci_alloc_irq_vectors(pdev, n, twice, PCI_IRQ_MSIX);
	pci_alloc_irq_vectors(pdev, param, changed, PCI_IRQ_MSIX);
	pci_alloc_irq_vectors(pdev, addressed, counted, PCI_IRQ_MSIX);
	return pci_alloc_irq_vectors(pdev, 1, either, PCI_IRQ_MSIX);
}
`);
  assert.deepEqual([a!.min!.value, a!.max!.value, a!.min!.chain], [17, 32, ['min -> 17']]);
  assert.deepEqual([b!.min!.value, b!.max!.value], [3, 6]);
  assert.deepEqual([c!.min!.value, c!.max!.value, c!.max!.symbols], [undefined, undefined, ['changed']]);
  assert.deepEqual([d!.min!.value, d!.max!.value], [undefined, undefined]);
  assert.deepEqual([e!.max!.value, e!.max!.min, e!.max!.max, e!.max!.chain], [undefined, 2, 8, ['either = 2 or 8']]);
  assert.equal(f, undefined);
  assert.equal(g, undefined);
  assert.equal(h, undefined);
});

test('locals holding constants: a parameter or a global assigned a constant in the function stays unknown', () => {
  const [a, b] = factsOf(`static int nq;
static int f(struct pci_dev *pdev, int n)
{
	if (!n)
		n = 4;
	nq = 8;
	pci_alloc_irq_vectors(pdev, 1, n, PCI_IRQ_MSIX);
	return pci_alloc_irq_vectors(pdev, 1, nq, PCI_IRQ_MSIX);
}
`);
  assert.deepEqual([a!.max!.value, a!.max!.min, b!.max!.value, b!.max!.min], [undefined, undefined, undefined, undefined]);
});

test('constants beyond 2^53 are never rounded: read exactly, and left unknown (with a chain note) when a double cannot hold them', () => {
  const env = { lookup: () => undefined };
  for (const text of ['0xffffffffffffffff', '9007199254740993', 'BIT(63)', 'GENMASK_ULL(63, 0)']) {
    const r = evaluate(text, env);
    assert.equal(r.value, undefined, text);
    assert.deepEqual(r.chain, [`${text}: beyond 2^53, not held exactly; left unknown`]);
  }
  assert.equal(evaluate('9007199254740991', env).value, Number.MAX_SAFE_INTEGER);
  assert.equal(evaluate('0x7fffffff', env).value, 0x7fffffff);
});

test('a literal beyond 2^53 inside bit operations leaves the expression unknown, never throws (s2io.c: 0x8000000000000000ULL | ...)', () => {
  const env = { lookup: () => undefined };
  for (const text of ['0x8000000000000000ULL | 1', '(0xffffffffffffffffULL & 0xff) << 2', '~0x8000000000000000ULL ^ 3', '1 << 0xffffffffffffffff']) {
    assert.equal(evaluate(text, env).value, undefined, text);
  }
});
