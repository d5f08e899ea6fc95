import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, extractFileFacts, initParser, type FileFacts, type Stmt } from '../../src/facts/index';

before(() => initParser());

function extract(text: string): FileFacts {
  return extractFileFacts({ file: 'x.c', text, era: defaultEra });
}

/** Skeleton without ranges and expression trees (tested on their own below), for exact comparison. */
function shape(stmts: Stmt[]): unknown[] {
  const drop = new Set(['range', 'expr', 'argExprs', 'lvalue']);
  return JSON.parse(JSON.stringify(stmts, (k, v: unknown) => (drop.has(k) || (k === 'value' && typeof v === 'object') ? undefined : v))) as unknown[];
}

/** The expression IR without call ranges. */
function ir(e: unknown): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'at' ? undefined : v)));
}

test('loop bounds: for (i = 0; i < n; i++) bounds pci_irq_vector(pdev, i); constant bounds give min/max', () => {
  const r = extract(`#define NQ 4
static void f(struct pci_dev *pdev, int nvec)
{
	int i, j;
	for (i = 0; i < nvec; i++)
		request(pci_irq_vector(pdev, i));
	for (j = 1; j <= NQ; j++)
		request(pci_irq_vector(pdev, j));
	while (k < 3)
		pci_irq_vector(pdev, k + 1);
	pci_irq_vector(pdev, i);
}
`);
  const [a, b, c, d] = r.facts.map((f) => f.index!);
  assert.deepEqual(a!.loopBound, { variable: 'i', bound: 'nvec', inclusive: false, boundValue: { text: 'nvec', chain: [], symbols: ['nvec'] } });
  assert.equal(a!.min, 0);
  assert.equal(a!.max, undefined);
  assert.deepEqual([b!.loopBound!.inclusive, b!.loopBound!.boundValue!.value, b!.min, b!.max], [true, 4, 1, 4]);
  assert.deepEqual([c!.loopBound!.variable, c!.loopBound!.bound, c!.min, c!.max], ['k', '3', undefined, undefined]);
  assert.equal(d!.loopBound, undefined);
  assert.deepEqual(d!.symbols, ['i']);
});

test('skeleton: if/else with condition trees, goto/labels, calls, returns, facts in conditions', () => {
  const r = extract(`static int probe(struct pci_dev *pdev)
{
	int ret, nvec;

	ret = pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	nvec = ret;
	if (!pci_msix_can_alloc_dyn(pdev) || nvec == 8) {
		setup(pdev, nvec);
	} else {
		goto err;
	}
	return 0;
err:
	pci_free_irq_vectors(pdev);
	return -ENODEV;
}
`);
  assert.equal(r.functions.length, 1);
  const fn = r.functions[0]!;
  assert.deepEqual([fn.name, fn.isStatic, fn.params], ['probe', true, [{ name: 'pdev', pointsTo: 'pci_dev' }]]);
  assert.deepEqual(shape(fn.body), [
    { t: 'fact', id: 0 },
    {
      t: 'if',
      cond: { t: 'cmp', op: '<', left: { text: 'ret', variable: 'ret' }, right: { text: '0', value: 0 } },
      then: [{ t: 'return', value: 'ret' }],
      else: [],
    },
    { t: 'assign', target: 'nvec', source: 'ret', op: '=' },
    { t: 'fact', id: 1 },
    {
      t: 'if',
      cond: {
        t: 'or',
        a: { t: 'not', a: { t: 'truth', operand: { text: 'pci_msix_can_alloc_dyn(pdev)', fact: 1 } } },
        b: { t: 'cmp', op: '==', left: { text: 'nvec', variable: 'nvec' }, right: { text: '8', value: 8 } },
      },
      then: [{ t: 'call', name: 'setup', args: ['pdev', 'nvec'] }],
      else: [{ t: 'goto', label: 'err' }],
    },
    { t: 'return', value: '0' },
    { t: 'label', name: 'err' },
    { t: 'fact', id: 2 },
    { t: 'return', value: '-ENODEV' },
  ]);
  assert.equal(r.facts[0]!.result, 'ret');
});

test('skeleton: IS_ERR, map.index < 0, switch, loops, for-each macros', () => {
  const r = extract(`static int f(struct pci_dev *pdev, struct device *dev, int mode)
{
	struct msi_desc *desc;
	struct msi_map map = pci_msix_alloc_irq_at(pdev, 3, NULL);

	if (map.index < 0)
		return map.index;
	if (IS_ERR(ptr))
		return PTR_ERR(ptr);
	switch (mode) {
	case 1:
	case 2:
		pci_disable_msix(pdev);
		break;
	default:
		return -EINVAL;
	}
	msi_for_each_desc(desc, dev, MSI_DESC_ALL) {
		use(desc);
	}
	return 0;
}
`);
  const body = shape(r.functions[0]!.body);
  assert.deepEqual(body[0], { t: 'fact', id: 0 });
  assert.deepEqual(body[1], {
    t: 'if',
    cond: { t: 'cmp', op: '<', left: { text: 'map.index', variable: 'map' }, right: { text: '0', value: 0 } },
    then: [{ t: 'return', value: 'map.index' }],
    else: [],
  });
  // Calls inside a condition run before the branch: they are listed before the `if`.
  assert.deepEqual(body[2], { t: 'call', name: 'IS_ERR', args: ['ptr'] });
  assert.deepEqual(body[3], {
    t: 'if',
    cond: { t: 'truth', operand: { text: 'IS_ERR(ptr)', variable: 'ptr' } },
    then: [
      { t: 'call', name: 'PTR_ERR', args: ['ptr'] },
      { t: 'return', value: 'PTR_ERR(ptr)' },
    ],
    else: [],
  });
  assert.deepEqual(body[4], {
    t: 'switch',
    subject: 'mode',
    subjectExpr: { t: 'var', name: 'mode' },
    cases: [
      { labels: ['1', '2'], values: [1, 2], body: [{ t: 'fact', id: 1 }, { t: 'break' }] },
      { labels: ['default'], values: [null], body: [{ t: 'return', value: '-EINVAL' }] },
    ],
  });
  assert.deepEqual(body[5], { t: 'fact', id: 2 });
  assert.deepEqual(body[6], { t: 'loop', body: [{ t: 'call', name: 'use', args: ['desc'] }] });
  assert.equal(r.facts[0]!.result, 'map');
  assert.equal(r.facts[2]!.api, 'msi_for_each_desc');
});

test('skeletons cover in-file callers of functions with facts, and driver callbacks', () => {
  const r = extract(`static int setup(struct pci_dev *pdev) { return pci_alloc_irq_vectors(pdev, 1, 2, PCI_IRQ_MSI); }
static int middle(struct pci_dev *pdev) { return setup(pdev); }
static int probe(struct pci_dev *pdev, const struct pci_device_id *id) { return middle(pdev); }
static void unrelated(void) { }
static void remove(struct pci_dev *pdev) { }
static struct pci_driver drv = { .probe = probe, .remove = remove };
`);
  assert.deepEqual(
    r.functions.map((f) => f.name),
    ['setup', 'middle', 'probe', 'remove'],
  );
  assert.deepEqual(shape(r.functions[2]!.body), [
    { t: 'call', name: 'middle', args: ['pdev'] },
    { t: 'return', value: 'middle(pdev)' },
  ]);
});

test('expression IR: locations, bit tests, errnos, ERR_PTR, the count-to-errno idiom, calls with their fact', () => {
  const r = extract(`#define USING_MSIX 4
static int f(struct pci_dev *pdev, struct ad *ad)
{
	int min = 17, n;

	n = pci_alloc_irq_vectors(pdev, min, 32, PCI_IRQ_MSIX);
	if (n > 0 && (ad->flags & USING_MSIX))
		ad->flags |= USING_MSIX;
	if (!ad->p)
		return PTR_ERR(ERR_PTR(-ENOSPC));
	n++;
	return n < 0 ? n : 0;
}
`);
  const body = r.functions[0]!.body;
  assert.deepEqual(ir(body[0]), {
    t: 'assign',
    target: 'min',
    source: '17',
    op: '=',
    lvalue: { t: 'var', name: 'min' },
    value: { t: 'int', value: 17 },
    range: (body[0] as Extract<Stmt, { t: 'assign' }>).range,
  });
  assert.deepEqual(ir((body[1] as Extract<Stmt, { t: 'fact' }>).argExprs), [
    { t: 'var', name: 'pdev' },
    { t: 'var', name: 'min' },
    { t: 'int', value: 32 },
    { t: 'int', value: 4 },
  ]);
  assert.deepEqual((body[1] as Extract<Stmt, { t: 'fact' }>).lvalue, { t: 'var', name: 'n' });
  const cond = (body[2] as Extract<Stmt, { t: 'if' }>).cond;
  assert.equal(cond.t, 'and');
  if (cond.t !== 'and' || cond.b.t !== 'truth' || cond.a.t !== 'cmp') throw new Error('shape');
  assert.deepEqual(cond.a.left.expr, { t: 'var', name: 'n' });
  assert.deepEqual(cond.b.operand.expr, {
    t: 'binary',
    op: '&',
    left: { t: 'field', base: { t: 'var', name: 'ad' }, name: 'flags' },
    right: { t: 'int', value: 4 },
  });
  const set = (body[2] as Extract<Stmt, { t: 'if' }>).then[0] as Extract<Stmt, { t: 'assign' }>;
  assert.deepEqual([set.op, set.lvalue, set.value], ['|=', { t: 'field', base: { t: 'var', name: 'ad' }, name: 'flags' }, { t: 'int', value: 4 }]);
  const early = (body[3] as Extract<Stmt, { t: 'if' }>).then.at(-1) as Extract<Stmt, { t: 'return' }>;
  assert.deepEqual(ir(early.expr), { t: 'call', name: 'PTR_ERR', args: [{ t: 'err-ptr', a: { t: 'errno', name: 'ENOSPC' } }] });
  assert.deepEqual(ir(body[4]), {
    t: 'assign',
    target: 'n',
    source: '1',
    op: '+=',
    lvalue: { t: 'var', name: 'n' },
    value: { t: 'int', value: 1 },
    range: (body[4] as Extract<Stmt, { t: 'assign' }>).range,
  });
  assert.deepEqual((body[5] as Extract<Stmt, { t: 'return' }>).expr, {
    t: 'ternary',
    test: { t: 'binary', op: '<', left: { t: 'var', name: 'n' }, right: { t: 'int', value: 0 } },
    then: { t: 'var', name: 'n' },
    else: { t: 'int', value: 0 },
  });
});

test('driver expression macros are read in place: the field the macro tests, no call statement', () => {
  const r = extract(`#define xa_msix_enabled(a) ((a)->num_vec > 0)
#define xa_log(a) do { pr_info("%d", (a)->num_vec); } while (0)
#define xa_irq(a, i) pci_irq_vector((a)->pdev, i)
static void xa_disable(struct xa *ad)
{
	if (xa_msix_enabled(ad))
		pci_disable_msix(ad->pdev);
	if (xa_log(ad))
		pci_disable_msi(ad->pdev);
	if (xa_irq(ad, 0))
		pci_disable_msi(ad->pdev);
}
`);
  const body = r.functions[0]!.body;
  const conds = body.filter((s) => s.t === 'if').map((s) => (s.t === 'if' && s.cond.t === 'truth' ? ir(s.cond.operand.expr) : undefined));
  assert.deepEqual(conds, [
    { t: 'binary', op: '>', left: { t: 'field', base: { t: 'var', name: 'ad' }, name: 'num_vec' }, right: { t: 'int', value: 0 } },
    // A statement macro and a macro that calls a function stay calls.
    { t: 'call', name: 'xa_log', args: [{ t: 'var', name: 'ad' }] },
    {
      t: 'call',
      name: 'xa_irq',
      args: [
        { t: 'var', name: 'ad' },
        { t: 'int', value: 0 },
      ],
    },
  ]);
  assert.deepEqual(
    body.filter((s) => s.t === 'call').map((s) => (s.t === 'call' ? s.name : '')),
    ['xa_log', 'xa_irq'],
  );
});

test('bit numbers of set_bit() and test_and_clear_bit() come from the driver header alike', () => {
  const header = 'enum ta_flags { TA_FLAG_UP, TA_FLAG_MSIX_ENABLED };\n';
  const r = extractFileFacts({
    file: 'drv/ta.c',
    text: `#include "ta.h"
static void ta_disable(struct ta *ad)
{
	set_bit(TA_FLAG_UP, &ad->flags);
	if (test_and_clear_bit(TA_FLAG_MSIX_ENABLED, &ad->flags))
		pci_free_irq_vectors(ad->pdev);
}
`,
    era: defaultEra,
    readInclude: (_from, spec) => (spec === 'ta.h' ? header : undefined),
  });
  const body = r.functions[0]!.body;
  const set = body.find((s) => s.t === 'call' && s.name === 'set_bit');
  const test = body.find((s) => s.t === 'if');
  assert.deepEqual(set?.t === 'call' ? set.argExprs[0] : undefined, { t: 'int', value: 0 });
  assert.deepEqual(test?.t === 'if' && test.cond.t === 'truth' && test.cond.operand.expr.t === 'call' ? test.cond.operand.expr.args[0] : undefined, {
    t: 'int',
    value: 1,
  });
});

test('a returned constant is read through the headers, as the one it is compared with (`return FAILED;`, `== FAILED`)', () => {
  const header = '#define SUCCESS 0x2002\n#define FAILED 0x2003\n';
  const r = extractFileFacts({
    file: 'drv/rt.c',
    text: `#include <scsi/scsi.h>
static int rt_request_irq(struct pci_dev *pdev)
{
	if (pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX) < 0)
		return FAILED;
	return SUCCESS;
}
`,
    era: defaultEra,
    readInclude: (_from, spec) => (spec === 'scsi/scsi.h' ? header : undefined),
  });
  const returns = r.functions[0]!.body.flatMap((s) => (s.t === 'if' ? s.then : [s])).filter((s) => s.t === 'return');
  assert.deepEqual(
    returns.map((s) => (s.t === 'return' ? s.expr : undefined)),
    [
      { t: 'int', value: 0x2003 },
      { t: 'int', value: 0x2002 },
    ],
  );
});
