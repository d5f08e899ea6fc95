// Reads a branch condition as a statement about an allocation's result: does the `then`
// branch mean the call failed, succeeded, or either? `if (ret < 0) return ret;`,
// `if (!map.virq)`, `if (pci_enable_msi(pdev))`, `if (n < 0 || !can)`, `IS_ERR(x)`.
import type { Cond, Operand } from '../../facts/types';
import type { ReturnKind } from './api-ops';

export type Outcome = 'ok' | 'failed';
type Tri = true | false | undefined;

/** The fact a condition leaf speaks about, and how its value reads the call's result. */
export interface ResultRef {
  fact: number;
  returns: ReturnKind;
  /** Smallest successful count (min_vecs) for 'count' results. */
  minOk: number;
  /** Largest successful count (max_vecs) when constant. */
  maxOk?: number;
  /** Source text of min_vecs when it equals max_vecs: `n == that` holds exactly on success. */
  exactText?: string;
}

/** Resolves an operand to the allocation whose result it reads, if any. */
export type Resolve = (operand: Operand) => { ref: ResultRef; field?: 'index' | 'virq' } | undefined;

interface Span {
  lo: number;
  hi: number;
}

const big = Number.MAX_SAFE_INTEGER;

/** The range of values the result takes under an outcome. */
function valueSpan(ref: ResultRef, field: 'index' | 'virq' | undefined, outcome: Outcome): Span {
  if (ref.returns === 'map') {
    if (field === 'virq') return outcome === 'ok' ? { lo: 1, hi: big } : { lo: 0, hi: 0 };
    return outcome === 'ok' ? { lo: 0, hi: 65535 } : { lo: -4095, hi: -1 };
  }
  if (outcome === 'failed') return ref.returns === 'bool' ? { lo: 0, hi: 0 } : { lo: -4095, hi: -1 };
  switch (ref.returns) {
    case 'count':
      return { lo: Math.max(1, ref.minOk), hi: ref.maxOk ?? big };
    case 'zero':
      return { lo: 0, hi: 0 };
    case 'bool':
      return { lo: 1, hi: 1 };
    default:
      return { lo: -big, hi: big };
  }
}

function compare(op: string, a: Span, c: number): Tri {
  const all = (f: (x: number) => boolean): Tri => (f(a.lo) && f(a.hi) ? true : !f(a.lo) && !f(a.hi) ? false : undefined);
  switch (op) {
    case '<': return all((x) => x < c);
    case '<=': return all((x) => x <= c);
    case '>': return all((x) => x > c);
    case '>=': return all((x) => x >= c);
    case '==': return a.lo === c && a.hi === c ? true : c < a.lo || c > a.hi ? false : undefined;
    case '!=': { const eq = compare('==', a, c); return eq === undefined ? undefined : !eq; }
    default: return undefined;
  }
}

const isErrCall = /^(?:unlikely\s*\()?\s*IS_ERR(?:_OR_NULL)?\s*\(\s*([^()]+?)\s*\)\)?$/;

function leaf(cond: Cond, resolve: Resolve, fact: number, outcome: Outcome): Tri {
  if (cond.t === 'truth') {
    const r = resolve(cond.operand);
    if (!r || r.ref.fact !== fact) return undefined;
    return compare('!=', valueSpan(r.ref, r.field, outcome), 0);
  }
  if (cond.t === 'cmp') {
    let [left, right, op] = [cond.left, cond.right, cond.op as string];
    if (left.value !== undefined && right.value === undefined) {
      [left, right] = [right, left];
      op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[op] ?? op;
    }
    const r = resolve(left);
    if (!r || r.ref.fact !== fact) return undefined;
    const span = valueSpan(r.ref, r.field, outcome);
    if (right.value !== undefined) return compare(op, span, right.value);
    // `ret == -ENOSPC`: an errno constant is some value in -4095..-1.
    if (/^-\s*E[A-Z0-9]+$/.test(right.text.trim())) {
      const lo = compare(op, span, -4095);
      return lo === compare(op, span, -1) ? lo : undefined;
    }
    // `n == total` where the call asked for exactly `total` vectors.
    if (r.ref.exactText !== undefined && right.text.trim() === r.ref.exactText && !r.field) {
      if (outcome === 'failed') return compare(op, span, 1); // any errno vs a count >= 1
      return ({ '==': true, '!=': false, '<': false, '>=': true, '<=': true, '>': false } as Record<string, boolean>)[op];
    }
    return undefined;
  }
  if (cond.t === 'opaque') {
    const m = isErrCall.exec(cond.text.trim());
    if (!m) return undefined;
    const r = resolve({ text: m[1]!, variable: m[1]! });
    if (!r || r.ref.fact !== fact) return undefined;
    return outcome === 'failed';
  }
  return undefined;
}

export function evaluate(cond: Cond, resolve: Resolve, fact: number, outcome: Outcome): Tri {
  switch (cond.t) {
    case 'not': {
      const v = evaluate(cond.a, resolve, fact, outcome);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const a = evaluate(cond.a, resolve, fact, outcome);
      const b = evaluate(cond.b, resolve, fact, outcome);
      return a === false || b === false ? false : a === true && b === true ? true : undefined;
    }
    case 'or': {
      const a = evaluate(cond.a, resolve, fact, outcome);
      const b = evaluate(cond.b, resolve, fact, outcome);
      return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    default:
      return leaf(cond, resolve, fact, outcome);
  }
}

/** Which outcomes of `fact` each branch allows; an empty list means the branch cannot run. */
export function branchOutcomes(cond: Cond, resolve: Resolve, fact: number): { then: Outcome[]; else: Outcome[] } {
  const onOk = evaluate(cond, resolve, fact, 'ok');
  const onFail = evaluate(cond, resolve, fact, 'failed');
  const then: Outcome[] = [];
  const els: Outcome[] = [];
  if (onOk !== false) then.push('ok');
  if (onFail !== false) then.push('failed');
  if (onOk !== true) els.push('ok');
  if (onFail !== true) els.push('failed');
  return { then, else: els };
}

/** Facts a condition mentions, directly (a call inside it) or through a variable. */
export function mentionedFacts(cond: Cond, resolve: Resolve, acc = new Set<number>()): Set<number> {
  switch (cond.t) {
    case 'and':
    case 'or':
      mentionedFacts(cond.a, resolve, acc);
      mentionedFacts(cond.b, resolve, acc);
      break;
    case 'not':
      mentionedFacts(cond.a, resolve, acc);
      break;
    case 'truth': {
      const r = resolve(cond.operand);
      if (r) acc.add(r.ref.fact);
      break;
    }
    case 'cmp':
      for (const o of [cond.left, cond.right]) {
        const r = resolve(o);
        if (r) acc.add(r.ref.fact);
      }
      break;
    case 'opaque': {
      const m = isErrCall.exec(cond.text.trim());
      const r = m ? resolve({ text: m[1]!, variable: m[1]! }) : undefined;
      if (r) acc.add(r.ref.fact);
      for (const f of cond.facts) acc.add(f);
      break;
    }
  }
  return acc;
}
