// The C integer constant expressions drivers write, parsed and computed: precedence, the unary
// operators and casts, 64-bit bit operations, the integer limits; names and builtins (BIT(),
// min(), sizeof...) are asked of the host (const-eval.ts), which expands macros.
import type { Tok } from './const-tokens';

/** What the parser asks of the evaluator that drives it. */
export interface ParseHost {
  /** The value of a builtin the evaluator implements (BIT(), min(), ARRAY_SIZE(), ...). */
  builtin(name: string, args: Tok[][]): number | undefined;
  /** Names read that are not constants. */
  readonly symbols: Set<string>;
}

export const limits: Record<string, number> = {
  UINT_MAX: 0xffffffff,
  U32_MAX: 0xffffffff,
  INT_MAX: 0x7fffffff,
  USHRT_MAX: 0xffff,
  U16_MAX: 0xffff,
  U8_MAX: 0xff,
  UCHAR_MAX: 0xff,
  SHRT_MAX: 0x7fff,
  S32_MAX: 0x7fffffff,
};

const typeWords = new Set([
  'unsigned',
  'signed',
  'int',
  'long',
  'short',
  'char',
  'const',
  'volatile',
  'struct',
  'enum',
  'void',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  '__u8',
  '__u16',
  '__u32',
  '__u64',
  'size_t',
  'ssize_t',
  'bool',
  'uint8_t',
  'uint16_t',
  'uint32_t',
  'uint64_t',
  'int8_t',
  'int16_t',
  'int32_t',
  'int64_t',
  'irq_hw_number_t',
  'resource_size_t',
]);

/** Reads a parenthesised, comma-separated argument list starting at `open`. */
export function readArgs(toks: Tok[], open: number): { args: Tok[][]; end: number } {
  const args: Tok[][] = [[]];
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) {
      if (depth++ > 0) args[args.length - 1]!.push(t);
      continue;
    }
    if (t.k === 'op' && (t.v === ')' || t.v === ']' || t.v === '}')) {
      if (--depth === 0) return { args, end: i };
      args[args.length - 1]!.push(t);
      continue;
    }
    if (t.k === 'op' && t.v === ',' && depth === 1) {
      args.push([]);
      continue;
    }
    args[args.length - 1]!.push(t);
  }
  return { args, end: -1 };
}

const binPrec: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};

/** Above every binary operator: expr(unaryPrec) parses one operand, as unary() does, but counts the nesting. */
const unaryPrec = 11;

const big = (x: number): bigint => BigInt.asUintN(64, BigInt(Math.trunc(x)));
const unbig = (x: bigint): number => Number(x);

function applyBin(op: string, a: number, b: number): number | undefined {
  // A literal beyond 2^53 reads as NaN (literalValue): the whole expression has no value.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : Math.trunc(a / b);
    case '%':
      return b === 0 ? undefined : a % b;
    case '<<':
      return b < 0 || b > 63 ? undefined : unbig(BigInt.asUintN(64, big(a) << BigInt(b)));
    case '>>':
      return b < 0 || b > 63 ? undefined : unbig(big(a) >> BigInt(b));
    case '&':
      return unbig(big(a) & big(b));
    case '|':
      return unbig(big(a) | big(b));
    case '^':
      return unbig(big(a) ^ big(b));
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '&&':
      return a && b ? 1 : 0;
    case '||':
      return a || b ? 1 : 0;
    default:
      return undefined;
  }
}

/** Pratt parser over expanded tokens; undefined means "not a constant". */
/**
 * Parentheses and unary operators nest the recursive parse; past this depth the expression is left
 * unknown (no real constant nests so deep) instead of overflowing the stack. extract.ts says so.
 */
export const MAX_CONST_NESTING = 256;

/** The deepest nesting of ( [ { in `text` (what the parser below recurses on). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

export class ConstParser {
  private i = 0;
  private nesting = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly ev: ParseHost,
  ) {}

  parseAll(): number | undefined {
    const v = this.expr(0);
    return this.i === this.toks.length ? v : undefined;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.k === 'op' && t.v === v;
  }

  private expr(minPrec: number): number | undefined {
    if (this.nesting >= MAX_CONST_NESTING) {
      this.i = this.toks.length; // give up on the whole expression: parseAll then sees no value
      return undefined;
    }
    this.nesting++;
    try {
      return this.exprAt(minPrec);
    } finally {
      this.nesting--;
    }
  }

  private exprAt(minPrec: number): number | undefined {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!t || t.k !== 'op') return left;
      if (t.v === '?' && minPrec === 0) {
        this.i++;
        const a = this.expr(0);
        if (!this.isOp(':')) return undefined;
        this.i++;
        const b = this.expr(0);
        left = left === undefined ? undefined : left ? a : b;
        continue;
      }
      const p = binPrec[t.v];
      if (p === undefined || p <= minPrec - 1 || p < minPrec) return left;
      this.i++;
      const right = this.expr(p + 1);
      left = left === undefined || right === undefined ? undefined : applyBin(t.v, left, right);
    }
  }

  private unary(): number | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.k === 'op' && ['-', '+', '~', '!'].includes(t.v)) {
      this.i++;
      const v = this.expr(unaryPrec);
      if (v === undefined || !Number.isFinite(v)) return undefined;
      return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : unbig(BigInt.asUintN(32, ~big(v)));
    }
    if (t.k === 'op' && t.v === '(' && this.isCast()) return this.expr(unaryPrec);
    return this.postfix(this.primary());
  }

  /** `(type)` followed by an operand: skip the cast. */
  private isCast(): boolean {
    let j = this.i + 1;
    let sawType = false;
    while (j < this.toks.length) {
      const t = this.toks[j]!;
      if (t.k === 'id' && (typeWords.has(t.v) || /_t$/.test(t.v) || this.toks[j - 1]?.v === 'struct')) {
        sawType = true;
        j++;
        continue;
      }
      if (t.k === 'op' && t.v === '*') {
        j++;
        continue;
      }
      break;
    }
    const close = this.toks[j];
    if (!sawType || close?.k !== 'op' || close.v !== ')') return false;
    this.i = j + 1;
    return true;
  }

  private postfix(v: number | undefined): number | undefined {
    // Member access or indexing makes an expression non-constant; consume so the parse completes.
    while (this.isOp('->') || this.isOp('.') || this.isOp('[')) {
      if (this.isOp('[')) {
        const { end } = readArgs(this.toks, this.i);
        if (end < 0) return undefined;
        this.i = end + 1;
      } else this.i += 2;
      v = undefined;
    }
    return v;
  }

  private primary(): number | undefined {
    const t = this.toks[this.i++];
    if (!t) return undefined;
    if (t.k === 'num') return t.v;
    if (t.k === 'op' && t.v === '(') {
      const v = this.expr(0);
      if (!this.isOp(')')) return undefined;
      this.i++;
      return v;
    }
    if (t.k !== 'id') return undefined;
    if (this.isOp('(')) {
      const { args, end } = readArgs(this.toks, this.i);
      if (end < 0) return undefined;
      this.i = end + 1;
      return this.ev.builtin(t.v, args);
    }
    if (t.v in limits) return limits[t.v];
    if (t.v === 'true') return 1;
    if (t.v === 'false' || t.v === 'NULL') return 0;
    this.ev.symbols.add(t.v);
    return undefined;
  }
}
