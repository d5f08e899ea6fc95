// What a branch teaches (`if (ret)` taken: ret != 0 on that path): the narrowed values of the
// locations a condition tests, the counts an allocation's own result was narrowed to, or that the
// branch cannot be taken. Told without splitting a path (outcome splits are the interpreter's).
import type { Cond, Expr } from '../../facts/types';
import { bitArgs, isBitTest } from './bit-ops';
import { type Evaluator, locOf } from './evaluate';
import { constOf, flipOp, isRes, isTop, negateOp, refine, refineBits, type Num, type Val } from './values';
import type { Frame } from './walk-interface';

/** What a branch taught about locations: narrowed values to bind, or infeasible. */
export interface Refinement {
  binds: [string, Val][];
  /** Narrowed counts of allocations (the value tested was the allocation's own result). */
  granted: [number, Num][];
  infeasible: boolean;
}

/** The narrowing of locations that `c` being `branch` implies (what can be told without splitting). */
export function refinement(ev: Evaluator, c: Cond, branch: boolean, frame: Frame, out: Refinement = { binds: [], granted: [], infeasible: false }): Refinement {
  switch (c.t) {
    case 'not':
      return refinement(ev, c.a, !branch, frame, out);
    case 'and':
    case 'or': {
      const all = (c.t === 'and') === branch;
      if (all) {
        refinement(ev, c.a, branch, frame, out);
        refinement(ev, c.b, branch, frame, out);
      } else {
        // `a && b` false: when a holds, b is false (and the other way round).
        const a = ev.cond(c.a);
        const b = ev.cond(c.b);
        if (a === !branch) refinement(ev, c.b, branch, frame, out);
        else if (b === !branch) refinement(ev, c.a, branch, frame, out);
      }
      return out;
    }
    case 'truth':
      truthRefinement(ev, c.operand.expr, branch, frame, out);
      return out;
    case 'cmp': {
      const r = ev.num(ev.value(c.right.expr));
      const l = ev.num(ev.value(c.left.expr));
      const op = branch ? c.op : negateOp(c.op);
      if (constOf(r) !== undefined) narrow(ev, c.left.expr, op, constOf(r)!, frame, out);
      else if (constOf(l) !== undefined) narrow(ev, c.right.expr, flipOp(op), constOf(l)!, frame, out);
      return out;
    }
    case 'opaque':
      return out;
  }
}

function truthRefinement(ev: Evaluator, e: Expr, branch: boolean, frame: Frame, out: Refinement): void {
  if (e.t === 'unary' && e.op === '!') return truthRefinement(ev, e.a, !branch, frame, out);
  const bit = e.t === 'call' ? bitArgs(e) : undefined;
  if (bit && e.t === 'call' && isBitTest(e.name)) e = { t: 'binary', op: '&', left: bit.word, right: { t: 'int', value: bit.mask } };
  if (e.t === 'binary' && e.op === '&') {
    const mask = constOf(ev.num(ev.value(e.right)));
    const key = locOf(e.left, frame);
    const v = ev.value(e.left);
    if (mask === undefined || key === undefined || ev.open(v) !== undefined) return;
    const r = refineBits(ev.num(v), mask, branch);
    if (r === undefined) out.infeasible = true;
    else out.binds.push([key, r]);
    return;
  }
  narrow(ev, e, branch ? '!=' : '==', 0, frame, out);
}

function narrow(ev: Evaluator, e: Expr, op: string, c: number, frame: Frame, out: Refinement): void {
  const key = locOf(e, frame);
  if (key === undefined) return;
  const v = ev.value(e);
  if (ev.open(v) !== undefined) return; // the outcome split decides it
  const r = refine(ev.num(v), op, c);
  if (r === undefined) out.infeasible = true;
  else if (!isTop(r)) {
    const succeeded = isRes(v) && ev.outcome(v.fact) === 'ok' ? v : undefined;
    // A result narrowed on its success stays that result (what it is at least, or exactly).
    out.binds.push([key, succeeded && (succeeded.atLeastOf !== undefined || succeeded.exactOf !== undefined) ? { ...succeeded, ok: r } : r]);
    if (succeeded) out.granted.push([succeeded.fact, r]);
  }
}
