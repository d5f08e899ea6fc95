// Every statement of a skeleton body, nested ones included (the branches of an `if`, the cases
// of a `switch`, a loop's body), in source order, and the operands of a condition: the
// recursions the replay's scans of a body (what it writes, which names it takes the address
// of, which it reads) share (an expression's parts: facts/expr-parts.ts).
import type { Cond, Expr, Stmt } from '../../facts/types';

/** The operands a condition compares or tests, through `&&`, `||` and `!` (none of an opaque one). */
export function condOperands(c: Cond): Expr[] {
  switch (c.t) {
    case 'and':
    case 'or':
      return [...condOperands(c.a), ...condOperands(c.b)];
    case 'not':
      return condOperands(c.a);
    case 'cmp':
      return [c.left.expr, c.right.expr];
    case 'truth':
      return [c.operand.expr];
    case 'opaque':
      return [];
  }
}

export function* allStatements(body: Stmt[]): Generator<Stmt> {
  for (const s of body) {
    yield s;
    switch (s.t) {
      case 'if':
        yield* allStatements(s.then);
        yield* allStatements(s.else);
        break;
      case 'switch':
        for (const c of s.cases) yield* allStatements(c.body);
        break;
      case 'loop':
        yield* allStatements(s.body);
        break;
      default:
        break;
    }
  }
}

const writtenCache = new WeakMap<Stmt[], Expr[]>();

/** Locations a block assigns (directly, not in the functions it calls). */
export function written(body: Stmt[]): Expr[] {
  let out = writtenCache.get(body);
  if (out) return out;
  const acc: Expr[] = [];
  for (const st of allStatements(body)) {
    if (st.t === 'assign') acc.push(st.lvalue);
    else if ((st.t === 'call' || st.t === 'fact') && st.lvalue) acc.push(st.lvalue);
  }
  out = acc;
  writtenCache.set(body, out);
  return out;
}
