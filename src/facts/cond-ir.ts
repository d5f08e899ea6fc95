// Builds the replay's condition IR (types.ts `Cond`) from a tree-sitter node: and/or/not over
// comparisons and truth tests, each side an operand with its expression IR, the variable it tests
// and a constant value where it has one; a condition the parser could not read is opaque.
import type { Node } from 'web-tree-sitter';
import { normalise } from './c-text';
import { buildExpr, type ExprEnv } from './expr';
import type { Cond, Operand } from './types';

const cmpOps = new Set(['<', '<=', '>', '>=', '==', '!=']);

export function buildCond(node: Node | null, env: ExprEnv): Cond {
  if (!node) return { t: 'opaque', text: '', facts: [] };
  let n = node;
  while ((n.type === 'parenthesized_expression' || n.type === 'condition_clause') && n.namedChildCount === 1) n = n.namedChild(0)!;
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.type ?? '';
    const l = n.childForFieldName('left');
    const rr = n.childForFieldName('right');
    if ((op === '&&' || op === '||') && l && rr) return { t: op === '&&' ? 'and' : 'or', a: buildCond(l, env), b: buildCond(rr, env) };
    if (cmpOps.has(op) && l && rr) return { t: 'cmp', op: op as '<', left: operand(l, env), right: operand(rr, env) };
  }
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.type === '!') return { t: 'not', a: buildCond(n.childForFieldName('argument'), env) };
  if (n.type === 'ERROR' || n.hasError) {
    const facts = n
      .descendantsOfType('call_expression')
      .map((c) => env.factAt(c.startIndex))
      .filter((f): f is number => f !== undefined);
    return { t: 'opaque', text: normalise(n.text), facts };
  }
  return { t: 'truth', operand: operand(n, env) };
}

function operand(node: Node, env: ExprEnv): Operand {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildCount === 1) n = n.namedChild(0)!;
  // A compared constant may come from the driver's header (`x < STMMAC_MSI_VEC_MAX`), like the
  // value stored into x: read both the same way.
  const op: Operand = { expr: buildExpr(n, env, 0, true), text: normalise(n.text) };
  if (n.type === 'call_expression') {
    const fact = env.factAt(n.startIndex);
    if (fact !== undefined) op.fact = fact;
    const fn = n.childForFieldName('function')?.text;
    const arg = n.childForFieldName('arguments')?.namedChild(0);
    if ((fn === 'IS_ERR' || fn === 'IS_ERR_OR_NULL' || fn === 'PTR_ERR') && arg) op.variable = normalise(arg.text);
    return op;
  }
  if (n.type === 'identifier') op.variable = n.text;
  else if (n.type === 'field_expression') {
    // `map.index < 0`: the variable is `map`.
    const arg = n.childForFieldName('argument');
    if (arg) op.variable = normalise(arg.text);
  }
  const v = env.constant(op.text);
  if (v !== undefined) op.value = v;
  return op;
}
