// Reading success checks: which outcomes of an allocation each branch of a condition allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cond, Operand } from '../../src/facts/types';
import { branchOutcomes, type Resolve } from '../../src/model/replay/outcome';

const resolveCount: Resolve = (o: Operand) => (o.text === 'n' ? { ref: { fact: 1, returns: 'count', minOk: 2, maxOk: 8 } } : undefined);
const resolveZero: Resolve = (o: Operand) => (o.text === 'ret' ? { ref: { fact: 1, returns: 'zero', minOk: 1 } } : undefined);
const resolveMap: Resolve = (o: Operand) => (o.text.startsWith('m.') || o.text === 'm' ? { ref: { fact: 1, returns: 'map', minOk: 1 }, ...(o.text.endsWith('.virq') ? { field: 'virq' as const } : o.text.endsWith('.index') ? { field: 'index' as const } : {}) } : undefined);
const v = (text: string, value?: number): Operand => (value === undefined ? { text } : { text, value });

test('if (n < 0): then = failed, else = ok', () => {
  const c: Cond = { t: 'cmp', op: '<', left: v('n'), right: v('0', 0) };
  assert.deepEqual(branchOutcomes(c, resolveCount, 1), { then: ['failed'], else: ['ok'] });
});

test('if (ret): zero-on-success APIs fail on the then branch', () => {
  const c: Cond = { t: 'truth', operand: v('ret') };
  assert.deepEqual(branchOutcomes(c, resolveZero, 1), { then: ['failed'], else: ['ok'] });
});

test('if (n < 4) with min 2: the then branch may be either', () => {
  const c: Cond = { t: 'cmp', op: '<', left: v('n'), right: v('4', 4) };
  assert.deepEqual(branchOutcomes(c, resolveCount, 1), { then: ['ok', 'failed'], else: ['ok'] });
});

test('if (!m.virq) and if (m.index < 0) on a struct msi_map', () => {
  const notVirq: Cond = { t: 'not', a: { t: 'truth', operand: v('m.virq') } };
  assert.deepEqual(branchOutcomes(notVirq, resolveMap, 1), { then: ['failed'], else: ['ok'] });
  const neg: Cond = { t: 'cmp', op: '<', left: v('m.index'), right: v('0', 0) };
  assert.deepEqual(branchOutcomes(neg, resolveMap, 1), { then: ['failed'], else: ['ok'] });
});

test('if (n < 0 || other): else is success, then may be either', () => {
  const c: Cond = { t: 'or', a: { t: 'cmp', op: '<', left: v('n'), right: v('0', 0) }, b: { t: 'opaque', text: 'other', facts: [] } };
  assert.deepEqual(branchOutcomes(c, resolveCount, 1), { then: ['ok', 'failed'], else: ['ok'] });
});

test('if (ret == -ENOSPC): only a failure can be equal to an errno', () => {
  const c: Cond = { t: 'cmp', op: '==', left: v('n'), right: v('-ENOSPC') };
  assert.deepEqual(branchOutcomes(c, resolveCount, 1), { then: ['failed'], else: ['ok', 'failed'] });
});

test('IS_ERR(x) reads the failure of x', () => {
  const resolvePtr: Resolve = (o) => (o.text === 'x' ? { ref: { fact: 1, returns: 'zero', minOk: 1 } } : undefined);
  const c: Cond = { t: 'opaque', text: 'IS_ERR(x)', facts: [] };
  assert.deepEqual(branchOutcomes(c, resolvePtr, 1), { then: ['failed'], else: ['ok'] });
});
