// Builds the replay's expression IR (types.ts `Expr`) from a tree-sitter node. The replay
// evaluates these trees; it never reads the source text again.
import type { Node } from 'web-tree-sitter';
import { normalise } from './c-text';
import { nodeRange } from '../parse/node-range';
import { isDeviceAccessor } from './device';
import type { Expr } from './types';
import { substitute, type MacroTemplate } from './macro-exprs';

export interface ExprEnv {
  /** The MSI fact whose call node starts at this offset. */
  factAt(callStart: number): number | undefined;
  /** Constant value of a macro, enum or constant expression of the file, when it has one. */
  constant(text: string): number | undefined;
  /** The same through the driver's headers too (read only for flag bits: it costs header reads). */
  flagConstant?(name: string): number | undefined;
  /** A driver's expression macro (`msix_enabled(a)`), expanded in place of the call. */
  macro?(name: string): MacroTemplate | undefined;
}

/** set_bit(), clear_bit(), test_bit() and the test-and-set/clear forms (and their `__` variants). */
export function isBitOpName(name: string): boolean {
  return /^(?:__)?(?:set|clear|test|test_and_set|test_and_clear)_bit$/.test(name);
}

/** Deeper than this an expression is `other`: the replay reads locations, constants and short operations. */
const MAX_DEPTH = 8;
const errnoName = /^E[A-Z0-9]+$/;

function intLiteral(text: string): number | undefined {
  // tree-sitter-c reads `-5` in `ret = -5` as one number literal.
  const neg = text.startsWith('-');
  const t = (neg ? text.slice(1).trim() : text).replace(/[uUlL]+$/, '');
  const v = /^0[xX][0-9a-fA-F]+$/.test(t) ? parseInt(t, 16) : /^0[0-7]+$/.test(t) ? parseInt(t, 8) : /^\d+$/.test(t) ? Number(t) : undefined;
  return v !== undefined && Number.isSafeInteger(v) ? (neg ? -v : v) : undefined;
}

/** The text of an expression the replay does not read, for messages: long ones are elided. */
function shortText(n: Node): string {
  return n.endIndex - n.startIndex > 80 ? '…' : normalise(n.text);
}

function inner(node: Node): Node {
  let n = node;
  while ((n.type === 'parenthesized_expression' || n.type === 'condition_clause') && n.namedChildCount === 1) n = n.namedChild(0)!;
  return n;
}

/** Node types whose whole text may be a constant the evaluator knows (`sizeof(struct x)`). */
const constantLike = new Set(['sizeof_expression', 'char_literal', 'offsetof_expression', 'alignof_expression']);

/** The IR of an expression node (an unreadable one becomes `other`). */
export function buildExpr(node: Node | null, env: ExprEnv, depth = 0, flag = false): Expr {
  if (!node) return { t: 'other', text: '' };
  const n = inner(node);
  const other = (): Expr => {
    if (!constantLike.has(n.type)) return { t: 'other', text: shortText(n) };
    const v = env.constant(normalise(n.text));
    return v !== undefined ? { t: 'int', value: v } : { t: 'other', text: shortText(n) };
  };
  // A tree without errors has none below: test it once, at the top.
  if (depth > MAX_DEPTH || (depth === 0 && n.hasError)) return { t: 'other', text: shortText(n) };
  const sub = (k: Node | null, asFlag = false): Expr => buildExpr(k, env, depth + 1, asFlag);
  switch (n.type) {
    case 'number_literal': {
      const v = intLiteral(n.text);
      return v !== undefined ? { t: 'int', value: v } : other();
    }
    case 'true':
      return { t: 'int', value: 1 };
    case 'false':
    case 'null':
      return { t: 'int', value: 0 };
    case 'identifier': {
      if (n.text === 'NULL') return { t: 'int', value: 0 };
      const v = env.constant(n.text) ?? (flag ? env.flagConstant?.(n.text) : undefined);
      return v !== undefined ? { t: 'int', value: v } : { t: 'var', name: n.text };
    }
    case 'field_expression': {
      const field: Expr = { t: 'field', base: sub(n.childForFieldName('argument')), name: n.childForFieldName('field')?.text ?? '' };
      return n.childForFieldName('operator')?.type === '.' ? { ...field, dot: true } : field;
    }
    case 'subscript_expression':
      return { t: 'index', base: sub(n.childForFieldName('argument')), index: sub(n.childForFieldName('index')) };
    case 'pointer_expression':
      return { t: n.childForFieldName('operator')?.type === '&' ? 'addr' : 'deref', a: sub(n.childForFieldName('argument')) };
    case 'cast_expression':
      return sub(n.childForFieldName('value'));
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.type;
      const arg = n.childForFieldName('argument');
      if (op === '-' && arg?.type === 'identifier' && errnoName.test(arg.text)) return { t: 'errno', name: arg.text };
      if (op === '+') return sub(arg);
      if (op === '!' || op === '-' || op === '~') {
        const a = sub(arg);
        if (a.t === 'int' && op !== '!') return { t: 'int', value: op === '-' ? -a.value : ~a.value };
        return { t: 'unary', op, a };
      }
      return other();
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.type ?? '';
      const left = sub(n.childForFieldName('left'));
      const right = sub(n.childForFieldName('right'), op === '&' || op === '|');
      if (left.t === 'int' && right.t === 'int') {
        const v = env.constant(normalise(n.text));
        if (v !== undefined) return { t: 'int', value: v };
      }
      return { t: 'binary', op, left, right };
    }
    case 'conditional_expression':
      return {
        t: 'ternary',
        test: sub(n.childForFieldName('condition')),
        then: sub(n.childForFieldName('consequence')),
        else: sub(n.childForFieldName('alternative')),
      };
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a.type !== 'comment');
      const name = fn?.type === 'identifier' ? fn.text : '';
      if ((name === 'ERR_PTR' || name === 'ERR_CAST') && args.length === 1) return { t: 'err-ptr', a: sub(args[0]!) };
      // likely()/unlikely() are the value of their argument.
      if ((name === 'likely' || name === 'unlikely') && args.length === 1) return sub(args[0]!);
      // set_bit(NR, &w) / test_bit(NR, &w): NR is a flag bit, often from the driver's header.
      const bitOp = isBitOpName(name);
      const fact = env.factAt(n.startIndex);
      const macro = name && fact === undefined ? env.macro?.(name) : undefined;
      if (macro && macro.params.length === args.length) return substitute(macro.body, new Map(macro.params.map((p, i) => [p, sub(args[i]!)])));
      const call: Expr = { t: 'call', name, args: args.map((a, i) => sub(a, bitOp && i === 0)), at: nodeRange(n) };
      if (fact !== undefined) call.fact = fact;
      return call;
    }
    default:
      return other();
  }
}

/** Argument node types the replay reads from calls it does not know (locations, constants). */
const shallowArg = new Set([
  'identifier',
  'field_expression',
  'binary_expression',
  'pointer_expression',
  'number_literal',
  'unary_expression',
  'parenthesized_expression',
  'cast_expression',
  'true',
  'false',
  'null',
]);

/** The IR of an argument of a call that is not an MSI fact: full for what the replay reads, else `other`. */
export function buildArgExpr(node: Node, env: ExprEnv, flag = false): Expr {
  return shallowArg.has(node.type) || isAccessorCall(node) ? buildExpr(node, env, 0, flag) : { t: 'other', text: '' };
}

/** `to_pci_dev(dev)`: a device handed on through an accessor (the replay keys it as `dev`). */
function isAccessorCall(node: Node): boolean {
  const fn = node.type === 'call_expression' ? node.childForFieldName('function') : null;
  return fn?.type === 'identifier' && isDeviceAccessor(fn.text);
}
