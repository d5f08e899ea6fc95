// Constant evaluation of C expressions as kernel drivers write them: #define chains, enums,
// BIT/GENMASK, ARRAY_SIZE and sizeof(a)/sizeof(a[0]) of visible arrays, casts, arithmetic and
// min/max/min_t/max_t/clamp. Anything it cannot prove constant stays symbolic (value undefined).
import type { MacroDef } from './defines';
import { tokenize, type Tok } from './const-tokens';

export interface ConstEnv {
  /** A macro/enum (plain name) or array ("array:NAME") visible at the use. */
  lookup(name: string): MacroDef | undefined;
}

export interface EvalResult {
  value?: number;
  /** Definition steps taken, e.g. "MY_NVEC -> (MY_BASE + 4)". */
  chain: string[];
  anyIndex?: boolean;
  /** Identifiers the expression reads that are not constants. */
  symbols: string[];
}

const limits: Record<string, number> = {
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

const MAX_EXPANSIONS = 400;
/** Names the evaluator implements itself: never looked up as macros. */
const evaluatorBuiltins = new Set([
  'BIT',
  'BIT_ULL',
  'BIT_U32',
  'GENMASK',
  'GENMASK_ULL',
  'min',
  'max',
  'min_t',
  'max_t',
  'umin',
  'umax',
  'clamp',
  'clamp_t',
  'ARRAY_SIZE',
  'DIV_ROUND_UP',
  'sizeof',
  ...Object.keys(limits),
]);

class Expander {
  chain: string[] = [];
  symbols = new Set<string>();
  anyIndex = false;
  budget = MAX_EXPANSIONS;
  constructor(private readonly env: ConstEnv) {}

  lookupArray(name: string): MacroDef | undefined {
    return this.env.lookup(`array:${name}`);
  }

  /** Macro-expands a token list; returns undefined when the budget runs out. */
  expand(toks: Tok[], active: Set<string>): Tok[] | undefined {
    const out: Tok[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      // `min`/`max` without `(` are variables (a local `int min = 17;`), not the helpers.
      if (t.k !== 'id' || active.has(t.v)) {
        out.push(t);
        continue;
      }
      if (evaluatorBuiltins.has(t.v) && (Object.hasOwn(limits, t.v) || (toks[i + 1]?.k === 'op' && toks[i + 1]!.v === '('))) {
        out.push(t);
        continue;
      }
      if (t.v === 'MSI_ANY_INDEX') this.anyIndex = true;
      const def = this.env.lookup(t.v);
      if (!def || def.kind === 'array') {
        out.push(t);
        continue;
      }
      if (--this.budget < 0) return undefined;
      if (def.kind === 'function') {
        if (toks[i + 1]?.k !== 'op' || toks[i + 1]!.v !== '(') {
          out.push(t);
          continue;
        }
        const { args, end } = readArgs(toks, i + 1);
        if (end < 0) return undefined;
        const body = tokenize(def.body);
        if (!body) return undefined;
        const params = def.params ?? [];
        const substituted: Tok[] = [];
        for (const b of body) {
          const p = b.k === 'id' ? params.indexOf(b.v) : -1;
          if (p >= 0) substituted.push({ k: 'op', v: '(' }, ...(args[p] ?? []), { k: 'op', v: ')' });
          else substituted.push(b);
        }
        this.chain.push(`${t.v}(${params.join(', ')}) -> ${def.body}`);
        const inner = this.expand(substituted, new Set([...active, t.v]));
        if (!inner) return undefined;
        out.push(...inner);
        i = end;
        continue;
      }
      const body = tokenize(def.body);
      if (!body || body.length === 0) {
        out.push(t);
        continue;
      }
      this.chain.push(`${t.v} -> ${def.body}`);
      const inner = this.expand(body, new Set([...active, t.v]));
      if (!inner) return undefined;
      out.push({ k: 'op', v: '(' }, ...inner, { k: 'op', v: ')' });
    }
    return out;
  }
}

/** Reads a parenthesised, comma-separated argument list starting at `open`. */
function readArgs(toks: Tok[], open: number): { args: Tok[][]; end: number } {
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

class ConstParser {
  private i = 0;
  private nesting = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly ev: Evaluator,
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

class Evaluator {
  readonly symbols = new Set<string>();
  constructor(
    readonly expander: Expander,
    private readonly depth: number,
  ) {}

  evalToks(toks: Tok[]): number | undefined {
    if (this.depth > 8) return undefined;
    return new ConstParser(toks, this).parseAll();
  }

  private arg(toks: Tok[] | undefined): number | undefined {
    return toks && toks.length > 0 ? this.evalToks(toks) : undefined;
  }

  /** Kernel helpers that are constant when their arguments are. */
  builtin(name: string, args: Tok[][]): number | undefined {
    const n = args.map((a) => a);
    switch (name) {
      case 'BIT':
      case 'BIT_ULL':
      case 'BIT_U32': {
        const b = this.arg(n[0]);
        return b === undefined ? undefined : 2 ** b;
      }
      case 'GENMASK':
      case 'GENMASK_ULL': {
        const h = this.arg(n[0]);
        const l = this.arg(n[1]);
        return h === undefined || l === undefined ? undefined : 2 ** (h + 1) - 2 ** l;
      }
      case 'min':
      case 'max':
      case 'min_t':
      case 'max_t':
      case 'umin':
      case 'umax': {
        const vals = (name.endsWith('_t') ? n.slice(1) : n).map((a) => this.arg(a));
        if (vals.length < 2 || vals.some((v) => v === undefined)) return undefined;
        const nums = vals as number[];
        return name.startsWith('min') || name === 'umin' ? Math.min(...nums) : Math.max(...nums);
      }
      case 'clamp':
      case 'clamp_t': {
        const vals = (name === 'clamp_t' ? n.slice(1) : n).map((a) => this.arg(a));
        if (vals.some((v) => v === undefined)) return undefined;
        const [v, lo, hi] = vals as number[];
        return Math.min(Math.max(v!, lo!), hi!);
      }
      case 'ARRAY_SIZE': {
        const a = n[0];
        if (a?.length !== 1 || a[0]!.k !== 'id') return undefined;
        return this.arrayLength(a[0]!.v);
      }
      case 'DIV_ROUND_UP': {
        const a = this.arg(n[0]);
        const b = this.arg(n[1]);
        return a === undefined || !b ? undefined : Math.ceil(a / b);
      }
      default: {
        for (const a of n) for (const t of a) if (t.k === 'id') this.symbols.add(t.v);
        this.symbols.add(`${name}()`);
        return undefined;
      }
    }
  }

  arrayLength(name: string): number | undefined {
    const def = this.expander.lookupArray(name);
    if (!def) return undefined;
    this.expander.chain.push(`ARRAY_SIZE(${name}) -> ${def.body}`);
    const toks = tokenize(def.body);
    const exp = toks && this.expander.expand(toks, new Set());
    return exp ? new Evaluator(this.expander, this.depth + 1).evalToks(exp) : undefined;
  }
}

const sizeofPairRe = /sizeof\s*\(?\s*([A-Za-z_]\w*)\s*\)?\s*\/\s*sizeof\s*\(?\s*(?:\*\s*\1|\1\s*\[\s*0\s*\])\s*\)?/g;
// sizeof of an array, or of one element of it (`sizeof(a[0])`, `sizeof(*a)`), with or without parentheses.
const sizeofArrayRe = /\bsizeof\s*(\(\s*)?([A-Za-z_]\w*)\s*(\[\s*0\s*\])?\s*(\))?/g;
const sizeofDerefRe = /\bsizeof\s*\(?\s*\*\s*([A-Za-z_]\w*)\s*\)?/g;

/** Evaluates `text` in `env`. */
export function evaluate(text: string, env: ConstEnv): EvalResult {
  const sizes = (name: string): MacroDef | undefined => env.lookup(`array:${name}`);
  const rewritten = text
    .replace(sizeofPairRe, 'ARRAY_SIZE($1)')
    .replace(sizeofDerefRe, (m, name: string) => {
      const d = sizes(name);
      return d?.elementSize !== undefined ? String(d.elementSize) : m;
    })
    .replace(sizeofArrayRe, (m, open: string | undefined, name: string, elem: string | undefined, close: string | undefined) => {
      if (Boolean(open) !== Boolean(close)) return m;
      const d = sizes(name);
      if (d?.elementSize === undefined) return m;
      return elem ? String(d.elementSize) : `(ARRAY_SIZE(${name}) * ${d.elementSize})`;
    });
  const toks = tokenize(rewritten);
  const expander = new Expander(env);
  if (!toks) return { chain: [], symbols: [] };
  const expanded = expander.expand(toks, new Set());
  const ev = new Evaluator(expander, 0);
  const value = expanded ? ev.evalToks(expanded) : undefined;
  const result: EvalResult = { chain: expander.chain, symbols: [...ev.symbols] };
  if (value !== undefined && Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) result.value = value;
  else if (value !== undefined) result.chain.push(`${text.replace(/\s+/g, ' ').trim()}: beyond 2^53, not held exactly; left unknown`);
  if (expander.anyIndex) result.anyIndex = true;
  return result;
}
