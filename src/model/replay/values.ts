// The replay's value domain: an integer interval with known-set and known-clear bits (smatch's
// value ranges per variable, plus the bits a mode flag needs), and an allocation's result, whose
// value depends on how that allocation ended (each allocation's outcome is a symbol).
export const BIG = Number.MAX_SAFE_INTEGER;

/** lo..hi, and bits known set / known clear (only meaningful for non-negative values). */
export interface Num {
  lo: number;
  hi: number;
  set?: number;
  clear?: number;
  /** Known not to be 0 (what `if (x)` taken says of an x the interval cannot narrow). */
  nz?: true;
  /** The device's MSI-X table size (pci_msix_vec_count()), or an errno where it has none. */
  table?: true;
  /**
   * The value is floor(count / div) of one allocation's granted count (`of`): what relates
   * `num_vec - num_vec / 2` to `num_vec` when intervals alone cannot (be2net's NIC/RoCE split).
   */
  part?: Part;
}

export interface Part {
  of: string;
  div: number;
}

/** A result that reads `ok` when allocation `fact` succeeded and `failed` when it failed. */
export interface Res {
  fact: number;
  /** The file of the fact (ids are per file). */
  file: string;
  ok: Num;
  failed: Num;
  /** Fields of a returned struct (`map.index`, `map.virq`), each outcome-dependent too. */
  fields?: Record<string, { ok: Num; failed: Num }>;
  /**
   * min_vecs and max_vecs were this one location (`cfg->total_vectors`): on success the count equals
   * it, so `ret == cfg->total_vectors` is the success test even when the location's value is unknown.
   */
  exactOf?: string;
  /** min_vecs was this location (`fnic`'s `min_irqs`): on success the count is at least its value. */
  atLeastOf?: string;
}

export type Val = Num | Res;
export type Tri = boolean | undefined;

export const top: Num = { lo: -BIG, hi: BIG };
export const errnoRange: Num = { lo: -4095, hi: -1 };
export const num = (lo: number, hi = lo): Num => ({ lo, hi });

export function isRes(v: Val): v is Res {
  return 'fact' in v;
}

export function isTop(v: Val): boolean {
  return !isRes(v) && v.lo <= -BIG && v.hi >= BIG && !v.set && !v.clear && !v.nz && !v.table;
}

export function constOf(v: Num): number | undefined {
  return v.lo === v.hi ? v.lo : undefined;
}

/** The smallest interval holding both (a join, as at a merge of paths). */
export function hull(a: Num, b: Num): Num {
  const out: Num = { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
  const set = bitsOf(a).set & bitsOf(b).set;
  const clear = bitsOf(a).clear & bitsOf(b).clear;
  if (set) out.set = set;
  if (clear) out.clear = clear;
  if (a.nz && b.nz) out.nz = true;
  if (a.part && b.part && a.part.of === b.part.of && a.part.div === b.part.div) out.part = a.part;
  return out;
}

/** Known bits: a non-negative constant knows all of them (31 bits tracked). */
function bitsOf(v: Num): { set: number; clear: number } {
  const c = constOf(v);
  if (c !== undefined && c >= 0 && c <= 0x7fffffff) return { set: c, clear: ~c & 0x7fffffff };
  return { set: v.set ?? 0, clear: v.clear ?? 0 };
}

/** `a OP b` on intervals: true/false when every pair agrees. */
export function compare(op: string, a: Num, b: Num): Tri {
  switch (op) {
    case '<':
      return a.hi < b.lo ? true : a.lo >= b.hi ? false : undefined;
    case '<=':
      return a.hi <= b.lo ? true : a.lo > b.hi ? false : undefined;
    case '>':
      return compare('<', b, a);
    case '>=':
      return compare('<=', b, a);
    case '==': {
      if (a.lo === a.hi && b.lo === b.hi) return a.lo === b.lo;
      if (a.hi < b.lo || b.hi < a.lo) return false;
      if ((a.nz && constOf(b) === 0) || (b.nz && constOf(a) === 0)) return false;
      const ca = constOf(a) ?? constOf(b);
      const other = constOf(a) !== undefined ? b : a;
      if (ca !== undefined && ca >= 0 && ca <= 0x7fffffff) {
        const bits = bitsOf(other);
        if ((bits.set & ~ca) !== 0 || (bits.clear & ca) !== 0) return false;
      }
      return undefined;
    }
    case '!=': {
      const eq = compare('==', a, b);
      return eq === undefined ? undefined : !eq;
    }
    default:
      return undefined;
  }
}

export function truth(a: Num): Tri {
  return compare('!=', a, num(0));
}

/** `a & mask` is nonzero? */
export function bitTest(a: Num, mask: number): Tri {
  if (mask <= 0) return undefined;
  const b = bitsOf(a);
  if ((b.set & mask) !== 0) return true;
  if ((b.clear & mask) === mask) return false;
  return truth(a) === false ? false : undefined;
}

/** The value narrowed by `a OP c` holding (undefined: it cannot hold). */
export function refine(a: Num, op: string, c: number): Num | undefined {
  let { lo, hi } = a;
  switch (op) {
    case '<':
      hi = Math.min(hi, c - 1);
      break;
    case '<=':
      hi = Math.min(hi, c);
      break;
    case '>':
      lo = Math.max(lo, c + 1);
      break;
    case '>=':
      lo = Math.max(lo, c);
      break;
    case '==':
      lo = Math.max(lo, c);
      hi = Math.min(hi, c);
      break;
    case '!=':
      if (lo === c) lo++;
      if (hi === c) hi--;
      break;
    default:
      return a;
  }
  if (lo > hi) return undefined;
  const out: Num = { lo, hi };
  if (a.set) out.set = a.set;
  if (a.clear) out.clear = a.clear;
  if (a.table) out.table = true;
  if (a.part) out.part = a.part;
  if (a.nz || (op === '!=' && c === 0)) {
    if (lo === 0 && hi === 0) return undefined;
    if (lo <= 0 && hi >= 0) out.nz = true;
  }
  if (op === '==' && c >= 0) return num(c);
  return out;
}

/** The value with `mask` known set (branch where `a & mask` held, one bit) or known clear. */
export function refineBits(a: Num, mask: number, set: boolean): Num | undefined {
  const t = bitTest(a, mask);
  if (t !== undefined) return t === set ? a : undefined;
  if (set && (mask & (mask - 1)) !== 0) return a; // several bits: which one is unknown
  const out: Num = { ...a };
  if (set) {
    out.set = (a.set ?? 0) | mask;
    if (out.lo < 1) out.lo = 1;
  } else out.clear = (a.clear ?? 0) | mask;
  return out;
}

const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
const negate: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' };
export const flipOp = (op: string): string => flip[op] ?? op;
export const negateOp = (op: string): string => negate[op] ?? op;

/** Integer arithmetic and bit operations, precise on constants and simple intervals. */
export function arith(op: string, a: Num, b: Num): Num {
  const ca = constOf(a);
  const cb = constOf(b);
  if (ca !== undefined && cb !== undefined) {
    const r = (
      {
        '+': ca + cb,
        '-': ca - cb,
        '*': ca * cb,
        '/': cb !== 0 ? Math.trunc(ca / cb) : NaN,
        '%': cb !== 0 ? ca % cb : NaN,
        '|': ca | cb,
        '&': ca & cb,
        '^': ca ^ cb,
        '<<': ca << cb,
        '>>': ca >> cb,
      } as Record<string, number>
    )[op];
    return r === undefined || !Number.isSafeInteger(r) ? top : num(r);
  }
  switch (op) {
    case '+':
      return bounded(a.lo + b.lo, a.hi + b.hi);
    case '-':
      return countLessPart(a, b) ?? bounded(a.lo - b.hi, a.hi - b.lo);
    case '/':
      return quotient(a, cb);
    case '|': {
      if (cb === undefined || cb < 0) return top;
      const out: Num = { ...(a.lo >= 0 ? { lo: Math.max(a.lo, cb), hi: BIG } : top), set: (a.set ?? 0) | cb };
      if (a.clear) out.clear = a.clear & ~cb;
      return out;
    }
    case '^': {
      // Toggling known bits (`fctl ^= WSI` after testing WSI set) keeps them known.
      if (cb === undefined || cb < 0 || a.lo < 0) return top;
      const set = ((a.set ?? 0) & ~cb) | ((a.clear ?? 0) & cb);
      const clear = ((a.clear ?? 0) & ~cb) | ((a.set ?? 0) & cb);
      return { lo: set ? 1 : 0, hi: BIG, ...(set ? { set } : {}), ...(clear ? { clear } : {}) };
    }
    case '&': {
      if (cb === undefined || cb < 0) return top;
      const out: Num = { lo: 0, hi: cb, clear: (a.clear ?? 0) | (~cb & 0x7fffffff) };
      if (a.set && a.set & cb) {
        out.set = a.set & cb;
        out.lo = 1;
      }
      return out;
    }
    default:
      return top;
  }
}

/** A non-negative value divided by a positive constant; keeps which count it is a part of. */
function quotient(a: Num, c: number | undefined): Num {
  if (c === undefined || c <= 0 || a.lo < 0) return top;
  const out: Num = { lo: Math.floor(a.lo / c), hi: a.hi >= BIG ? BIG : Math.floor(a.hi / c) };
  if (a.part) out.part = { of: a.part.of, div: a.part.div * c };
  return out;
}

/** `n - n / k` for one non-negative count n: n - floor(n/k) grows with n, so its ends bound it. */
function countLessPart(a: Num, b: Num): Num | undefined {
  if (!a.part || !b.part || a.part.of !== b.part.of || a.part.div !== 1 || b.part.div < 2 || a.lo < 0) return undefined;
  const k = b.part.div;
  return { lo: a.lo - Math.floor(a.lo / k), hi: a.hi >= BIG ? BIG : a.hi - Math.floor(a.hi / k) };
}

function bounded(lo: number, hi: number): Num {
  return lo <= -BIG || hi >= BIG ? top : { lo, hi };
}

/** The value of a result on an outcome (a plain number reads the same on both). */
export function under(v: Val, outcome: 'ok' | 'failed' | undefined, field?: string): Num {
  if (!isRes(v)) return field ? top : v;
  const src = field ? v.fields?.[field] : v;
  if (!src) return top;
  return outcome === undefined ? hull(src.ok, src.failed) : src[outcome];
}
