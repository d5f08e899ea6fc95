// Constant evaluation of C expressions as kernel drivers write them: #define chains, enums,
// BIT/GENMASK, ARRAY_SIZE and sizeof(a)/sizeof(a[0]) of visible arrays, casts, arithmetic and
// min/max/min_t/max_t/clamp. Anything it cannot prove constant stays symbolic (value undefined).
import type { MacroDef } from './defines';
import { tokenize, type Tok } from './const-tokens';
import { ConstParser, limits, readArgs } from './const-parse';

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
