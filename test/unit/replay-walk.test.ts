// The walk alone, under a toy interpreter: a path is the list of statements it ran and one
// variable's constant value. The walk must fork at every branch the interpreter allows, merge
// paths with equal keys, follow gotos to their labels, run a loop body zero or one time, enter
// followed calls in a new activation, and end every path exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cond, Expr, FunctionInfo, Range, Stmt } from '../../src/facts/types';
import { walkFunction } from '../../src/model/replay/walk';
import type { Frame, Interpreter } from '../../src/model/replay/walk-interface';

const r: Range = { line: 1, column: 1, endLine: 1, endColumn: 2 };
const v = (name: string): Expr => ({ t: 'var', name });
const int = (value: number): Expr => ({ t: 'int', value });
const truth = (name: string): Cond => ({ t: 'truth', operand: { expr: v(name), text: name } });
const set = (name: string, value: number): Stmt => ({
  t: 'assign',
  target: name,
  source: String(value),
  range: r,
  op: '=',
  lvalue: v(name),
  value: int(value),
});
const call = (name: string): Stmt => ({ t: 'call', name, range: r, args: [], argExprs: [] });
const ret = (value: number): Stmt => ({ t: 'return', value: String(value), expr: int(value), range: r });
const fn = (name: string, body: Stmt[]): FunctionInfo => ({ name, file: 'toy.c', range: r, bodyRange: r, isStatic: true, params: [], body });

interface Toy {
  trace: string[];
  x?: number;
}

/** Knows one variable `x` (its constant); every other condition may go either way. */
class ToyInterpreter implements Interpreter<Toy> {
  ends: { trace: string; how: string }[] = [];
  frames: number[] = [];
  fork(s: Toy): Toy {
    return { trace: [...s.trace], ...(s.x === undefined ? {} : { x: s.x }) };
  }
  key(s: Toy): string {
    return `${s.x}`;
  }
  fact(s: Toy, st: Extract<Stmt, { t: 'fact' }>): boolean {
    s.trace.push(`fact${st.id}`);
    return true;
  }
  enter(s: Toy, st: Extract<Stmt, { t: 'call' }>, callee: Frame): void {
    s.trace.push(`enter ${st.name}`);
    this.frames.push(callee.id);
  }
  call(s: Toy, st: Extract<Stmt, { t: 'call' }>, _f: Frame, callee?: Frame): void {
    s.trace.push(callee ? `back ${st.name}` : `call ${st.name}`);
  }
  unseen(s: Toy, name: string): void {
    s.trace.push(`unseen ${name}`);
  }
  assign(s: Toy, st: Extract<Stmt, { t: 'assign' }>): void {
    if (st.target === 'x' && st.value.t === 'int') s.x = st.value.value;
  }
  havoc(s: Toy, lvalues: Expr[]): void {
    if (lvalues.some((e) => e.t === 'var' && e.name === 'x')) delete s.x;
  }
  read(): void {}
  assume(s: Toy, cond: Cond, branch: boolean): { states: Toy[]; read: boolean } {
    const known = cond.t === 'truth' && cond.operand.expr.t === 'var' && cond.operand.expr.name === 'x' && s.x !== undefined;
    if (!known) return { states: [s], read: false };
    return { states: (s.x !== 0) === branch ? [s] : [], read: true };
  }
  goto(s: Toy, st: Extract<Stmt, { t: 'goto' }>): void {
    s.trace.push(`goto ${st.label}`);
  }
  returned(s: Toy): void {
    s.trace.push('returned');
  }
  end(s: Toy, st: Extract<Stmt, { t: 'return' }> | undefined): void {
    this.ends.push({ trace: s.trace.join(','), how: st?.value ?? 'fell off' });
  }
}

const opts = (fns: FunctionInfo[] = []) => ({ callee: (name: string) => fns.find((f) => f.name === name), maxStates: 12, maxDepth: 4 });

test('walk: an unknown condition forks, a known one does not; equal keys merge after the branch', () => {
  const toy = new ToyInterpreter();
  walkFunction(
    fn('f', [
      { t: 'if', cond: truth('y'), then: [{ t: 'fact', id: 1, argExprs: [] }], else: [{ t: 'fact', id: 2, argExprs: [] }], range: r },
      set('x', 0),
      { t: 'if', cond: truth('x'), then: [{ t: 'fact', id: 3, argExprs: [] }], else: [], range: r },
      ret(0),
    ]),
    [{ trace: [] }],
    toy,
    opts(),
  );
  // Both branches of `y` end with x = 0: one key, merged into one path; `x` is 0, fact 3 never runs.
  assert.deepEqual(toy.ends, [{ trace: 'fact1', how: '0' }]);
});

test('walk: paths with different keys stay apart; goto reaches its label; a loop runs zero or one time', () => {
  const toy = new ToyInterpreter();
  walkFunction(
    fn('f', [
      { t: 'if', cond: truth('y'), then: [set('x', 1), { t: 'goto', label: 'out', range: r }], else: [set('x', 2)], range: r },
      { t: 'loop', body: [{ t: 'fact', id: 7, argExprs: [] }, set('x', 3)], range: r },
      { t: 'label', name: 'out', range: r },
      ret(1),
    ]),
    [{ trace: [] }],
    toy,
    opts(),
  );
  // The loop head forgets x (the body assigns it): the path that skipped the loop and the one
  // that ran it once (x = 3) differ, and the goto path arrives at `out` with x = 1.
  assert.deepEqual(toy.ends.map((e) => e.trace).sort(), ['', 'fact7', 'goto out']);
});

test('walk: a followed call runs in a new activation and comes back; an unknown one is a plain call; a skipped branch reports its calls', () => {
  const toy = new ToyInterpreter();
  const helper = fn('helper', [{ t: 'fact', id: 9, argExprs: [] }, ret(0)]);
  walkFunction(
    fn('f', [call('helper'), call('outside'), { t: 'if', cond: truth('y'), then: [call('log')], else: [], range: r }]),
    [{ trace: [] }],
    toy,
    opts([helper]),
  );
  assert.deepEqual(toy.ends, [{ trace: 'enter helper,fact9,returned,back helper,call outside,unseen log', how: 'fell off' }]);
  assert.equal(toy.frames.length, 1);
});

test('walk: over maxStates, the paths the interpreter ranks higher are kept, in walk order', () => {
  // Ranks a path that ran fact 1 first (it holds what the checker tracks).
  class Ranking extends ToyInterpreter {
    priority(s: Toy): number {
      return s.trace.includes('fact1') ? 1 : 0;
    }
  }
  const toy = new Ranking();
  const fork = (name: string, value: number): Stmt => ({ t: 'if', cond: truth(name), then: [set('x', value)], else: [], range: r });
  walkFunction(
    fn('f', [
      fork('a', 1),
      fork('b', 2),
      // Two paths are kept (x = 2, x = 1); the else side of `c` adds a third, the only one with fact 1.
      { t: 'if', cond: truth('c'), then: [], else: [set('x', 5), { t: 'fact', id: 1, argExprs: [] }], range: r },
      ret(0),
    ]),
    [{ trace: [] }],
    toy,
    { ...opts(), maxStates: 2 },
  );
  // Unranked, the two earliest paths (x = 2, x = 1) would survive; ranked, the fact-1 path replaces x = 1.
  assert.deepEqual(
    toy.ends.map((e) => e.trace),
    ['', 'fact1'],
  );
});

/** Forgets x where the walk says no way on reads it (liveness.ts). */
class Forgetting extends ToyInterpreter {
  facts = 0;
  override fact(s: Toy, st: Extract<Stmt, { t: 'fact' }>): boolean {
    this.facts++;
    return super.fact(s, st);
  }
  forget(s: Toy, locals: readonly string[]): void {
    if (locals.includes('x')) delete s.x;
  }
}

test('walk: where branches join, a local no way on reads before writing it is forgotten, so the paths merge', () => {
  const split: Stmt = { t: 'if', cond: truth('y'), then: [set('x', 1)], else: [set('x', 2)], range: r };
  const fact5: Stmt = { t: 'fact', id: 5, argExprs: [] };
  // x is written again before anything reads it: dead after the if, one path runs fact 5.
  const dead = new Forgetting();
  walkFunction(
    fn('f', [split, fact5, set('x', 0), { t: 'if', cond: truth('x'), then: [{ t: 'fact', id: 6, argExprs: [] }], else: [], range: r }, ret(0)]),
    [{ trace: [] }],
    dead,
    opts(),
  );
  assert.equal(dead.facts, 1);
  // x is read after fact 5: both paths go on, each with its value.
  const live = new Forgetting();
  walkFunction(
    fn('f', [split, fact5, { t: 'if', cond: truth('x'), then: [{ t: 'fact', id: 6, argExprs: [] }], else: [], range: r }, ret(0)]),
    [{ trace: [] }],
    live,
    opts(),
  );
  assert.equal(live.facts, 4);
});

/** Keeps apart paths that ran different statements. */
class Tracing extends ToyInterpreter {
  override key(s: Toy): string {
    return `${s.x}|${s.trace.join(',')}`;
  }
}

test('walk: a fact behind `x && f()` runs only on the side where x holds', () => {
  const guarded: Cond = {
    t: 'and',
    a: truth('x'),
    b: { t: 'truth', operand: { expr: { t: 'call', name: 'f', args: [], at: r, fact: 4 }, text: 'f()', fact: 4 } },
  };
  const body = (before: Stmt[]): Stmt[] => [...before, { t: 'fact', id: 4, argExprs: [] }, { t: 'if', cond: guarded, then: [], else: [], range: r }, ret(0)];
  // x unknown: one path ran f, the other did not.
  const unknown = new Tracing();
  walkFunction(fn('f', body([])), [{ trace: [] }], unknown, opts());
  assert.deepEqual(unknown.ends.map((e) => e.trace).sort(), ['', 'fact4']);
  // x known to be 0: f never runs.
  const zero = new Tracing();
  walkFunction(fn('f', body([set('x', 0)])), [{ trace: [] }], zero, opts());
  assert.deepEqual(
    zero.ends.map((e) => e.trace),
    [''],
  );
});
