// The direct parts of an IR expression (types.ts `Expr`): the one recursion the scans of
// expressions share (a macro body's calls, the names a function reads, the objects it uses).
import type { Expr } from './types';

/** The expressions directly inside `e` (a field's object, a call's arguments, ...). */
export function subExprs(e: Expr): Expr[] {
  switch (e.t) {
    case 'field':
      return [e.base];
    case 'index':
      return [e.base, e.index];
    case 'addr':
    case 'deref':
    case 'err-ptr':
    case 'unary':
      return [e.a];
    case 'call':
      return e.args;
    case 'binary':
      return [e.left, e.right];
    case 'ternary':
      return [e.test, e.then, e.else];
    default:
      return [];
  }
}
