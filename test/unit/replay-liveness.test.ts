// Live scalars where the walk joins paths (liveness.ts): a local is dead where every way on
// writes it before reading it; loops and gotos carry reads back; an object (member read, address
// taken, indexed, dereferenced) is never a scalar; a fact's loop bound counts as a read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cond, Expr, FunctionInfo, Range, Stmt } from '../../src/facts/types';
import { liveness } from '../../src/model/replay/liveness';

const r: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };
const v = (name: string): Expr => ({ t: 'var', name });
const truth = (name: string): Cond => ({ t: 'truth', operand: { expr: v(name), text: name } });
const set = (name: string, value: Expr = { t: 'int', value: 0 }): Stmt => ({
  t: 'assign',
  target: name,
  source: '',
  range: r,
  op: '=',
  lvalue: v(name),
  value,
});
const test_ = (name: string, then: Stmt[] = []): Stmt => ({ t: 'if', cond: truth(name), then, else: [], range: r });
const fn = (body: Stmt[]): FunctionInfo => ({ name: 'f', file: 'l.c', range: r, bodyRange: r, isStatic: true, params: [], body });
const none = (): string[] => [];

test('liveness: a local written before its next read is dead after the branch; one read later is not', () => {
  const branch = test_('y', [set('err')]);
  const l = liveness(fn([branch, set('err'), test_('err'), set('i'), test_('i')]), none);
  assert.deepEqual(l.deadAt(branch), ['y', 'err', 'i']);
  const read = test_('y', [set('err')]);
  assert.deepEqual(liveness(fn([read, test_('err')]), none).deadAt(read), ['y']);
});

test('liveness: a loop reads back what its body reads before writing; a goto carries its label', () => {
  const loop: Stmt = { t: 'loop', cond: truth('i'), body: [set('i', { t: 'binary', op: '+', left: v('i'), right: { t: 'int', value: 1 } })], range: r };
  const l = liveness(fn([set('i'), loop, set('i'), test_('i')]), none);
  assert.deepEqual(l.deadAt(loop), ['i']);
  // `err` is read after the label a goto jumps to: live there, though dead where the paths that
  // fell through the if join (they write it first).
  const branch = test_('y', [{ t: 'goto', label: 'out', range: r }]);
  const label: Stmt = { t: 'label', name: 'out', range: r };
  const g = liveness(fn([set('err'), branch, set('err'), label, test_('err')]), none);
  assert.deepEqual(g.deadAt(branch), ['err', 'y']);
  assert.deepEqual(g.deadAt(label), ['y']);
  // A goto back to a label (a retry loop): what the label's code reads is live before the goto.
  const join = test_('y', [set('x')]);
  const retry: Stmt[] = [{ t: 'label', name: 'retry', range: r }, test_('k'), join, test_('z', [{ t: 'goto', label: 'retry', range: r }]), set('k')];
  assert.deepEqual(liveness(fn(retry), none).deadAt(join), ['x']); // k (and y) are read again after the jump back
});

test('liveness: objects are never scalars; a fact reads its loop bound', () => {
  const member: Expr = { t: 'field', base: v('priv'), name: 'n' };
  const body: Stmt[] = [
    set('p'),
    { t: 'call', name: 'g', range: r, args: ['&p'], argExprs: [{ t: 'addr', a: v('p') }] },
    test_('x', [set('nvec')]),
    { t: 'fact', id: 3, argExprs: [member] },
  ];
  const l = liveness(fn(body), (id) => (id === 3 ? ['nvec'] : []));
  assert.deepEqual([...l.scalars].sort(), ['nvec', 'x']);
  assert.deepEqual(l.deadAt(body[2]!), ['x']);
});
