// Which MSI calls of a function sit on the right of `&&` / `||` in a condition: they run only
// when the left side allows, so their replay is conditional: on what (the guard), here.
import type { Cond, FunctionInfo } from '../../facts/types';
import { allStatements } from './statements';

/** A test a call runs behind: `a && f()` runs f where a holds (side true), `a || f()` where it fails. */
export interface Guard {
  cond: Cond;
  side: boolean;
}

function condFacts(c: Cond, acc: Set<number>): void {
  switch (c.t) {
    case 'and':
    case 'or':
      condFacts(c.a, acc);
      condFacts(c.b, acc);
      break;
    case 'not':
      condFacts(c.a, acc);
      break;
    case 'truth':
      if (c.operand.fact !== undefined) acc.add(c.operand.fact);
      break;
    case 'cmp':
      for (const o of [c.left, c.right]) if (o.fact !== undefined) acc.add(o.fact);
      break;
    case 'opaque':
      for (const f of c.facts) acc.add(f);
      break;
  }
}

/** Facts of a condition with the tests on their left that decide whether they run (none: always). */
function guardsIn(c: Cond, outer: Guard[], out: Map<number, Guard[]>): void {
  switch (c.t) {
    case 'and':
    case 'or':
      guardsIn(c.a, outer, out);
      guardsIn(c.b, [...outer, { cond: c.a, side: c.t === 'and' }], out);
      break;
    case 'not':
      guardsIn(c.a, outer, out);
      break;
    default: {
      const acc = new Set<number>();
      condFacts(c, acc);
      for (const id of acc) if (outer.length && !out.has(id)) out.set(id, outer);
    }
  }
}

const guardCache = new WeakMap<FunctionInfo, Map<number, Guard[]>>();

/**
 * Per fact on the right of `&&` / `||` in an if's or a loop's condition, the tests that must come
 * out as given for it to run. The skeleton lists such calls before the `if`; the walk applies
 * these tests there.
 */
export function factGuards(fn: FunctionInfo): Map<number, Guard[]> {
  let map = guardCache.get(fn);
  if (map) return map;
  const out = new Map<number, Guard[]>();
  for (const st of allStatements(fn.body)) if ((st.t === 'if' || st.t === 'loop') && st.cond) guardsIn(st.cond, [], out);
  map = out;
  guardCache.set(fn, map);
  return map;
}
