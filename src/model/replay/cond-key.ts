// A branch condition's key: its operands' source text, so the same test in two places (probe's
// and remove's `if (priv->flags & F)`) is recognised as one question.
import type { Cond, Stmt } from '../../facts/types';
import { allStatements } from './statements';

/** Every condition key in a body, and those of the parts of and/or chains (for counting which tests repeat). */
export function condKeys(body: Stmt[]): string[] {
  const acc: string[] = [];
  for (const st of allStatements(body)) if (st.t === 'if') parts(st.cond, acc);
  return acc;
}

function parts(c: Cond, acc: string[]): void {
  acc.push(condKey(c));
  if (c.t === 'and' || c.t === 'or') {
    parts(c.a, acc);
    parts(c.b, acc);
  } else if (c.t === 'not') parts(c.a, acc);
}

export function condKey(c: Cond): string {
  switch (c.t) {
    case 'and':
    case 'or':
      return `(${condKey(c.a)} ${c.t === 'and' ? '&&' : '||'} ${condKey(c.b)})`;
    case 'not':
      return `!${condKey(c.a)}`;
    case 'cmp':
      return `${c.left.text} ${c.op} ${c.right.text}`;
    case 'truth':
      return c.operand.text;
    case 'opaque':
      return c.text;
  }
}
