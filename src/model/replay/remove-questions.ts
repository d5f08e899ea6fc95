// Which conditions in remove are remove's own questions (a call's answer, a local it just read),
// as opposed to a field probe wrote: only the latter makes the walk guess what probe chose.
import type { Cond, Expr } from '../../facts/types';

/** Whether a condition tests what a call returns right there, or a plain local (not a field). */
export function removesOwn(cond: Cond): boolean {
  const own = (e: Expr): boolean => e.t === 'call' || e.t === 'var';
  switch (cond.t) {
    case 'and':
    case 'or':
      return removesOwn(cond.a) && removesOwn(cond.b);
    case 'not':
      return removesOwn(cond.a);
    case 'cmp':
      return cond.left.expr.t === 'call' || cond.right.expr.t === 'call' || (own(cond.left.expr) && cond.right.expr.t === 'int');
    case 'truth':
      return own(cond.operand.expr);
    default:
      return false;
  }
}
