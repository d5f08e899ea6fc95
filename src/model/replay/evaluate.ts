// Reads IR expressions and conditions on one path: locations scoped per activation, values
// from the path's environment, allocation results that depend on their outcome symbol. What a
// branch teaches about them is refinement.ts.
import type { Cond, Expr, Range } from '../../facts/types';
import type { Outcome } from './outcome';
import type { PathState } from './replay-state';
import { isFileGlobal } from './file-globals';
import type { Frame } from './walk-interface';
import { bitArgs, isBitTest } from './bit-ops';
import {
  BIG,
  arith,
  bitTest,
  compare,
  constOf,
  errnoRange,
  flipOp,
  hull,
  isRes,
  num,
  top,
  truth,
  under,
  type Num,
  type Res,
  type Tri,
  type Val,
} from './values';

export interface EvalHooks {
  /** `pdev->msix_enabled`: the bit as the store knows it for that device, if it does. */
  modeBit?(base: Expr, field: 'msi_enabled' | 'msix_enabled'): Num | undefined;
  /** Fields the previous phase set, re-keyed by their member path (`*.flags`), are visible. */
  inherited?: boolean;
  /** An allocation's result was read (tested, returned, copied, passed on). */
  used?(res: Res): void;
}

/** The location an object expression names: `priv` (or what a parameter points at), `priv.sub`. */
function baseLoc(e: Expr, frame: Frame): string | undefined {
  switch (e.t) {
    case 'var':
      return frame.roots.get(e.name) ?? varLoc(e.name, frame);
    case 'addr':
      return locOf(e.a, frame);
    case 'deref':
      return baseLoc(e.a, frame);
    case 'field':
      return locOf(e, frame);
    default:
      return undefined;
  }
}

/** A variable's location: per activation, or one for the file (see file-globals.ts). */
function varLoc(name: string, frame: Frame): string {
  return isFileGlobal(frame.fn, name) ? `::${frame.fn.file}:${name}` : `${frame.id}:${name}`;
}

/** The location an lvalue names, scoped to its activation: `3:ret`, `1:priv.flags`. */
export function locOf(e: Expr, frame: Frame): string | undefined {
  switch (e.t) {
    case 'var':
      return varLoc(e.name, frame);
    case 'field': {
      const b = baseLoc(e.base, frame);
      return b === undefined ? undefined : `${b}.${e.name}`;
    }
    case 'deref': {
      const b = baseLoc(e.a, frame);
      return b === undefined ? undefined : `${b}.*`;
    }
    default:
      return undefined;
  }
}

/** Where a pointer argument points (a callee's parameter is rooted there). */
export function pointee(e: Expr, frame: Frame): string | undefined {
  return e.t === 'var' || e.t === 'addr' || e.t === 'field' || e.t === 'deref' ? baseLoc(e, frame) : undefined;
}

const triNum = (t: Tri): Num => (t === true ? num(1) : t === false ? num(0) : num(0, 1));
const not = (t: Tri): Tri => (t === undefined ? undefined : !t);

/** `-e` on an interval. */
function negated(a: Num): Num {
  return a.lo <= -BIG || a.hi >= BIG ? top : num(-a.hi, -a.lo);
}

export class Evaluator {
  constructor(
    private readonly s: PathState,
    private readonly frame: Frame,
    private readonly hooks: EvalHooks,
    /** Outcomes assumed for this evaluation only (trying each side of a split). */
    private readonly assumed: Record<number, Outcome> = {},
  ) {}

  outcome(fact: number): Outcome | undefined {
    return this.assumed[fact] ?? this.s.settled[fact];
  }

  /** A value as a number on this path (an open outcome gives the hull of both sides). */
  num(v: Val): Num {
    return isRes(v) ? this.numUnder(v, this.outcome(v.fact)) : v;
  }

  /** A result on an outcome; a granted count keeps its identity, so parts of it relate back to it. */
  private numUnder(v: Res, o: Outcome | undefined): Num {
    const n = under(v, o);
    return o === 'ok' && n.lo >= 0 && !v.fields ? { ...n, part: { of: `${v.file}#${v.fact}`, div: 1 } } : n;
  }

  /** An open allocation outcome this value depends on. */
  open(v: Val): number | undefined {
    return isRes(v) && this.outcome(v.fact) === undefined ? v.fact : undefined;
  }

  /** Applies f on numbers; a value that depends on an open outcome stays a function of it. */
  private lift(vals: Val[], f: (nums: Num[]) => Num): Val {
    const open = vals.find((v): v is Res => isRes(v) && this.outcome(v.fact) === undefined);
    if (!open) return f(vals.map((v) => this.num(v)));
    const at = (o: Outcome): Num => f(vals.map((v) => (isRes(v) && v.fact === open.fact ? this.numUnder(v, o) : this.num(v))));
    return { fact: open.fact, file: open.file, ok: at('ok'), failed: at('failed') };
  }

  value(e: Expr): Val {
    const v = this.valueOf(e);
    if (isRes(v)) this.hooks.used?.(v);
    return v;
  }

  private valueOf(e: Expr): Val {
    switch (e.t) {
      case 'int':
        return num(e.value);
      case 'errno':
        return errnoRange;
      case 'err-ptr':
        return this.value(e.a);
      case 'var':
      case 'field':
      case 'deref':
        return this.read(e);
      case 'addr':
        return num(1, BIG);
      case 'index':
      case 'other':
        return top;
      case 'call':
        return this.call(e);
      case 'unary':
        return this.lift([this.value(e.a)], ([a]) => (e.op === '!' ? triNum(not(truth(a!))) : e.op === '-' ? negated(a!) : top));
      case 'binary':
        return this.binary(e.op, e.left, e.right);
      case 'ternary':
        return this.lift([this.value(e.test), this.value(e.then), this.value(e.else)], ([t, a, b]) => {
          const c = truth(t!);
          return c === true ? a! : c === false ? b! : hull(a!, b!);
        });
    }
  }

  private binary(op: string, left: Expr, right: Expr): Val {
    const l = this.value(left);
    const r = this.value(right);
    const related = this.relation(op, l, r, left, right);
    if (related) return related;
    switch (op) {
      case '&&':
        return this.lift([l, r], ([a, b]) => {
          const x = truth(a!);
          const y = truth(b!);
          return triNum(x === false || y === false ? false : x && y ? true : undefined);
        });
      case '||':
        return this.lift([l, r], ([a, b]) => {
          const x = truth(a!);
          const y = truth(b!);
          return triNum(x === true || y === true ? true : x === false && y === false ? false : undefined);
        });
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=':
        return this.lift([l, r], ([a, b]) => triNum(compare(op, a!, b!)));
      case '&':
        return this.lift([l, r], ([a, b]) => {
          const m = constOf(b!);
          const t = m === undefined ? undefined : bitTest(a!, m);
          return t === false ? num(0) : arith('&', a!, b!);
        });
      default:
        return this.lift([l, r], ([a, b]) => arith(op, a!, b!));
    }
  }

  /** A comparison of an allocation's result with the location it was asked with, per outcome (1: holds). */
  private relation(op: string, l: Val, r: Val, left: Expr, right: Expr): Res | undefined {
    if (op === '==' || op === '!=') {
      const exact = this.exactTest(l, right) ?? this.exactTest(r, left);
      return exact && (op === '==' ? exact : { ...exact, ok: num(0), failed: num(1) });
    }
    return this.atLeastTest(op, l, right) ?? this.atLeastTest(flipOp(op), r, left);
  }

  /** `ret < min` after `ret = pci_alloc_irq_vectors(pdev, min, max, ...)`: never on success (it grants at least min). */
  private atLeastTest(op: string, v: Val, other: Expr): Res | undefined {
    if (!isRes(v) || v.atLeastOf === undefined || locOf(other, this.frame) !== v.atLeastOf) return undefined;
    const onSuccess = op === '<' ? 0 : op === '>=' ? 1 : undefined;
    return onSuccess === undefined ? undefined : { fact: v.fact, file: v.file, ok: num(onSuccess), failed: num(0, 1) };
  }

  /** `ret == cfg->n` after `ret = pci_alloc_irq_vectors(pdev, cfg->n, cfg->n, ...)`: 1 iff it succeeded. */
  private exactTest(v: Val, other: Expr): Res | undefined {
    if (!isRes(v) || v.exactOf === undefined) return undefined;
    return locOf(other, this.frame) === v.exactOf ? { fact: v.fact, file: v.file, ok: num(1), failed: num(0) } : undefined;
  }

  private call(e: Extract<Expr, { t: 'call' }>): Val {
    if (e.name === 'PTR_ERR' && e.args[0]) return this.value(e.args[0]);
    // include/linux/pci.h: pci_dev_msi_enabled(pdev) is msi_enabled || msix_enabled.
    if (e.name === 'pci_dev_msi_enabled' && e.args[0]) {
      const msi = this.hooks.modeBit?.(e.args[0], 'msi_enabled');
      const msix = this.hooks.modeBit?.(e.args[0], 'msix_enabled');
      if (msi && msix) return triNum(truth(msi) === true || truth(msix) === true ? true : truth(msi) === false && truth(msix) === false ? false : undefined);
    }
    const bit = bitArgs(e);
    if (bit && isBitTest(e.name)) return this.lift([this.value(bit.word)], ([a]) => triNum(bitTest(a!, bit.mask)));
    if ((e.name === 'IS_ERR' || e.name === 'IS_ERR_OR_NULL') && e.args[0]) {
      return this.lift([this.value(e.args[0])], ([a]) =>
        a!.lo >= -4095 && a!.hi < 0 ? num(1) : a!.lo >= 0 && (e.name === 'IS_ERR' || a!.lo > 0) ? num(0) : num(0, 1),
      );
    }
    return this.s.calls[callSlot(this.frame, e.at)] ?? top;
  }

  /** A location's value: bound on the path, a field of a returned struct, zero-initialised, or unknown. */
  read(e: Expr): Val {
    if (e.t === 'field' && (e.name === 'msix_enabled' || e.name === 'msi_enabled')) {
      const m = this.hooks.modeBit?.(e.base, e.name);
      if (m) return m;
    }
    const key = locOf(e, this.frame);
    if (key === undefined) return top;
    const v = this.s.env.get(key);
    if (v !== undefined) return v;
    if (e.t === 'field') {
      const b = this.read(e.base);
      const f = isRes(b) ? b.fields?.[e.name] : undefined;
      if (isRes(b) && f) return { fact: b.fact, file: b.file, ...f };
    }
    // Zeroed by its allocator, unless a prefix was written (a pointer stored there) since.
    for (let i = this.s.zeroed.length ? key.lastIndexOf('.') : -1; i > 0; i = key.lastIndexOf('.', i - 1)) {
      const prefix = key.slice(0, i);
      if (this.s.zeroed.includes(prefix)) return num(0);
      if (this.s.env.get(prefix) !== undefined) return top;
    }
    if (this.hooks.inherited) {
      const dot = key.indexOf('.');
      const inherited = dot > 0 ? this.s.env.get(`*${key.slice(dot)}`) : undefined;
      if (inherited) return inherited;
    }
    return top;
  }

  /** The condition's truth on this path (undefined: it depends on what the path does not know). */
  cond(c: Cond): Tri {
    switch (c.t) {
      case 'not':
        return not(this.cond(c.a));
      case 'and': {
        const a = this.cond(c.a);
        const b = this.cond(c.b);
        return a === false || b === false ? false : a && b ? true : undefined;
      }
      case 'or': {
        const a = this.cond(c.a);
        const b = this.cond(c.b);
        return a === true || b === true ? true : a === false && b === false ? false : undefined;
      }
      case 'truth':
        return truth(this.num(this.value(c.operand.expr)));
      case 'cmp': {
        const l = this.value(c.left.expr);
        const r = this.value(c.right.expr);
        const related = this.relation(c.op, l, r, c.left.expr, c.right.expr);
        return related ? truth(this.num(related)) : compare(c.op, this.num(l), this.num(r));
      }
      case 'opaque':
        return undefined;
    }
  }

  /** The first open allocation outcome a condition depends on. */
  openFact(c: Cond): number | undefined {
    switch (c.t) {
      case 'not':
        return this.openFact(c.a);
      case 'and':
      case 'or':
        return this.openFact(c.a) ?? this.openFact(c.b);
      case 'truth':
        return this.open(this.value(c.operand.expr));
      case 'cmp':
        return this.open(this.value(c.left.expr)) ?? this.open(this.value(c.right.expr));
      case 'opaque':
        return undefined;
    }
  }
}

/** The slot a call's value is kept in until its statement reads it. */
export function callSlot(frame: Frame, at: Range): string {
  return `${frame.id}@${at.line}:${at.column}`;
}
