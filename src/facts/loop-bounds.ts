// Bounds of loop variables: `for (i = 0; i < n; i++)` around a call tells that `i` ranges over
// [0, n). Read from the syntax tree's enclosing for/while statements.
import type { Node } from 'web-tree-sitter';
import { normalise } from './c-text';

const MAX_LOOP_DEPTH = 48;

export interface LoopBound {
  variable: string;
  bound: string;
  inclusive: boolean;
  /** Text of the initial value, when the loop initialises the variable. */
  init?: string;
}

function initOf(loop: Node, variable: string): string | undefined {
  const init = loop.childForFieldName('initializer');
  if (!init) return undefined;
  for (const n of [init, ...init.descendantsOfType(['assignment_expression', 'init_declarator'])]) {
    if (n.type === 'assignment_expression' && n.childForFieldName('left')?.text === variable) return normalise(n.childForFieldName('right')?.text ?? '');
    if (n.type === 'init_declarator' && n.childForFieldName('declarator')?.text === variable) return normalise(n.childForFieldName('value')?.text ?? '');
  }
  return undefined;
}

/** `variable < X`, `variable <= X`, `X > variable`, `X >= variable` inside a loop condition. */
function boundIn(cond: Node | null, variable: string): { bound: string; inclusive: boolean } | undefined {
  if (!cond) return undefined;
  const tests = cond.type === 'binary_expression' ? [cond, ...cond.descendantsOfType('binary_expression')] : cond.descendantsOfType('binary_expression');
  for (const b of tests) {
    const op = b.childForFieldName('operator')?.type;
    const l = b.childForFieldName('left');
    const r = b.childForFieldName('right');
    if (!l || !r) continue;
    if (l.text === variable && (op === '<' || op === '<=')) return { bound: normalise(r.text), inclusive: op === '<=' };
    if (r.text === variable && (op === '>' || op === '>=')) return { bound: normalise(l.text), inclusive: op === '>=' };
  }
  return undefined;
}

/** The innermost enclosing loop that bounds `variable`, looking outward from `node`. */
export function loopBoundOf(node: Node | null, variable: string): LoopBound | undefined {
  // Bounded walk: real loops sit a few levels up; macro soup can nest thousands of levels deep.
  let depth = 0;
  for (let n = node; n && depth < MAX_LOOP_DEPTH; n = n.parent, depth++) {
    if (n.type !== 'for_statement' && n.type !== 'while_statement') continue;
    const b = boundIn(n.childForFieldName('condition'), variable);
    if (!b) continue;
    const init = n.type === 'for_statement' ? initOf(n, variable) : undefined;
    return init !== undefined ? { variable, ...b, init } : { variable, ...b };
  }
  return undefined;
}
