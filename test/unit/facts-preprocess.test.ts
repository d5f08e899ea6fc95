import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEra, extractFileFacts, initParser, type FileFacts, type Stmt } from '../../src/facts/index';
import { conditionalAt, preprocess, type PreprocEnv } from '../../src/facts/preprocess';

before(() => initParser());

const noExternal: PreprocEnv = { external: () => false };

function extract(text: string, headers: Record<string, string> = {}): FileFacts {
  return extractFileFacts({ file: 'd/x.c', text, era: defaultEra, readInclude: (_from, spec, quoted) => (quoted ? headers[spec] : undefined) });
}

/** The text the walk keeps, one string per line (blanked lines are ''). */
function kept(text: string, env: PreprocEnv = noExternal): string[] {
  const r = preprocess(text, text, env);
  let out = text;
  for (const [s, e] of r.blank) out = out.slice(0, s) + out.slice(s, e).replace(/[^\n]/g, ' ') + out.slice(e);
  return out.split('\n').map((l) => l.trim());
}

/** The statements without ranges and without the expression IR (facts-skeleton tests cover that). */
function shape(stmts: Stmt[]): unknown[] {
  const dropped = new Set(['range', 'argExprs', 'lvalue', 'expr']);
  return JSON.parse(JSON.stringify(stmts, (k, v: unknown) => (dropped.has(k) ? undefined : v))) as unknown[];
}

test('preprocess: #if 0, #ifdef of a never-defined macro and the #else of a defined one are dead; decided directives are blanked', () => {
  assert.deepEqual(
    kept(
      '#define A 1\n#if 0\nzero\n#endif\n#ifdef NEVER\nnever\n#else\nelse_never\n#endif\n#ifdef A\na\n#else\nnot_a\n#endif\n#if A == 1 && !defined(NEVER)\nexpr\n#endif',
    ),
    ['#define A 1', '', '', '', '', '', '', 'else_never', '', '', 'a', '', '', '', '', 'expr', ''],
  );
});

test('preprocess: #undef, #ifndef, #elif chains, and nesting under a dead branch', () => {
  assert.deepEqual(
    kept('#define B\n#undef B\n#ifndef B\nnb\n#elif 1\none\n#else\nno\n#endif\n#if 0\n#define C\n#ifdef C\nc\n#endif\n#endif\n#ifdef C\nc2\n#endif'),
    ['#define B', '#undef B', '', 'nb', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  );
});

test('preprocess: CONFIG_*, MODULE and Makefile-defined names stay undecided, both sides kept and marked', () => {
  const text =
    '#ifdef CONFIG_PCI_MSI\nmsi\n#else\nnomsi\n#endif\n#if defined(MODULE) || defined(NEVER)\nmod\n#endif\n#ifdef FROM_MAKEFILE\nmk\n#endif\n#if IS_ENABLED(CONFIG_X) && 0\ndead\n#endif';
  const env: PreprocEnv = { external: (n) => n === 'FROM_MAKEFILE' };
  assert.deepEqual(kept(text, env), [
    '#ifdef CONFIG_PCI_MSI',
    'msi',
    '#else',
    'nomsi',
    '#endif',
    '#if defined(MODULE) || defined(NEVER)',
    'mod',
    '#endif',
    '#ifdef FROM_MAKEFILE',
    'mk',
    '#endif',
    '',
    '',
    '',
  ]);
  const r = preprocess(text, text, env);
  assert.deepEqual(conditionalAt(r, text.indexOf('msi')), { macro: 'CONFIG_PCI_MSI', directive: '#ifdef CONFIG_PCI_MSI' });
  assert.deepEqual(conditionalAt(r, text.indexOf('nomsi')), { macro: 'CONFIG_PCI_MSI', directive: '#else after #ifdef CONFIG_PCI_MSI' });
  assert.deepEqual(conditionalAt(r, text.indexOf('mod')), { macro: 'MODULE', directive: '#if defined(MODULE) || defined(NEVER)' });
  assert.equal(conditionalAt(r, text.indexOf('#if defined')), undefined);
});

test('preprocess: a local header is walked in place, with its own guards and conditionals', () => {
  const headers: Record<string, string> = {
    'drv.h': '#ifndef DRV_H\n#define DRV_H\n#define DRV_USE_MSIX 1\n#ifdef CONFIG_DRV_DEBUG\n#define DRV_TRACE\n#endif\n#endif',
  };
  const env: PreprocEnv = { external: () => false, readLocal: (spec) => headers[spec] };
  assert.deepEqual(kept('#ifdef DRV_USE_MSIX\nx\n#endif\n#include "drv.h"\n#if DRV_USE_MSIX\ny\n#endif\n#ifdef DRV_TRACE\nz\n#endif', env), [
    '',
    '',
    '',
    '#include "drv.h"',
    '',
    'y',
    '',
    '#ifdef DRV_TRACE',
    'z',
    '#endif',
  ]);
});

test('facts and skeleton: dead code yields neither; an undecided #if becomes a marked if/else on an opaque condition', () => {
  const r = extract(`static int f(struct pci_dev *pdev)
{
	int n;
#ifdef DRV_DEBUG
	pci_enable_msi(pdev);
#endif
#ifdef CONFIG_PCI_MSI
	n = pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);
	if (n < 0)
		return n;
#elif 0
	never(pdev);
#else
	n = legacy(pdev);
#endif
	return 0;
}
`);
  assert.deepEqual(
    r.facts.map((f) => [f.api, f.conditional]),
    [['pci_alloc_irq_vectors', { macro: 'CONFIG_PCI_MSI', directive: '#ifdef CONFIG_PCI_MSI' }]],
  );
  const cond = { macro: 'CONFIG_PCI_MSI', directive: '#ifdef CONFIG_PCI_MSI' };
  assert.deepEqual(shape(r.functions[0]!.body), [
    {
      t: 'if',
      cond: { t: 'opaque', text: 'defined(CONFIG_PCI_MSI)', facts: [] },
      conditional: cond,
      then: [
        { t: 'fact', id: 0 },
        {
          t: 'if',
          cond: { t: 'cmp', op: '<', left: { text: 'n', variable: 'n' }, right: { text: '0', value: 0 } },
          then: [{ t: 'return', value: 'n' }],
          else: [],
        },
      ],
      else: [{ t: 'call', name: 'legacy', args: ['pdev'], result: 'n' }],
    },
    { t: 'return', value: '0' },
  ]);
});

test('facts: a function defined twice under #ifdef/#else of a local macro keeps only the compiled one', () => {
  const r = extract(`#define USE_MSIX
#ifdef USE_MSIX
static int setup(struct pci_dev *pdev) { return pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX); }
#else
static int setup(struct pci_dev *pdev) { return pci_enable_msi(pdev); }
#endif
`);
  assert.deepEqual(
    r.facts.map((f) => [f.api, f.range.line, f.conditional]),
    [['pci_alloc_irq_vectors', 3, undefined]],
  );
  assert.deepEqual(
    r.functions.map((f) => f.name),
    ['setup'],
  );
});

test('preprocess: an #undef under an undecided #if of a macro nobody defined leaves it undefined; a #define there makes it undecided', () => {
  assert.deepEqual(kept('#if !defined CONFIG_PCI_MSI\n#undef DRV_MSI\n#define DRV_DMA 1\n#endif\n#ifdef DRV_MSI\nmsi\n#endif\n#ifdef DRV_DMA\ndma\n#endif'), [
    '#if !defined CONFIG_PCI_MSI',
    '#undef DRV_MSI',
    '#define DRV_DMA 1',
    '#endif',
    '',
    '',
    '',
    '#ifdef DRV_DMA',
    'dma',
    '#endif',
  ]);
});
