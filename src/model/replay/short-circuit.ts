// Which MSI calls of a function sit on the right of `&&` / `||` in a condition: they run only
// when the left side allows, so their replay is conditional.
import type { Cond, FunctionInfo, Stmt } from '../../facts/types';

const shortCircuitCache = new WeakMap<FunctionInfo, Set<number>>();

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

/**
 * Calls on the right of `&&` / `||` in a condition run only when the left allows: the skeleton
 * lists them before the `if`, so their replay is conditional on a test the walk cannot apply.
 */
export function shortCircuited(fn: FunctionInfo): Set<number> {
  let set = shortCircuitCache.get(fn);
  if (set) return set;
  const out = new Set<number>();
  const visitCond = (c: Cond): void => {
    if (c.t === 'and' || c.t === 'or') {
      condFacts(c.b, out);
      visitCond(c.a);
    } else if (c.t === 'not') visitCond(c.a);
  };
  const visit = (body: Stmt[]): void => {
    for (const st of body) {
      if (st.t === 'if') {
        visitCond(st.cond);
        visit(st.then);
        visit(st.else);
      } else if (st.t === 'loop') {
        if (st.cond) visitCond(st.cond);
        visit(st.body);
      } else if (st.t === 'switch') for (const c of st.cases) visit(c.body);
    }
  };
  visit(fn.body);
  set = out;
  shortCircuitCache.set(fn, set);
  return set;
}
