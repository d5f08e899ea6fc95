// Which of a function's scalar locals a path may still read, where the walk joins paths: after an
// if, a switch or a loop, and at a label. A local that every way on writes before it reads (the
// `i` of the loop just left, the `err` of the call before) cannot tell two paths apart, so the
// walk forgets it there and the paths merge (the live-variable analysis of every compiler, and
// the dead-symbol reaping of Clang's analyzer). Backward over the skeleton; gotos and loops to a
// fixpoint. Only plain scalars qualify: a name the function ever dereferences, indexes, takes the
// address of or reads a member of is an object whose fields other pointers may reach.
import type { Cond, Expr, FunctionInfo, Stmt } from '../../facts/types';
import { subExprs } from '../../facts/expr-parts';
import { allStatements, condOperands } from './statements';

export interface Liveness {
  /** Scalar locals (and parameters) the analysis covers. */
  readonly scalars: ReadonlySet<string>;
  /** Scalars no way on reads before writing them: after this if/switch/loop, or from this label on. */
  deadAt(st: Stmt): readonly string[] | undefined;
}

/** Beyond this many rounds over a function's labels the analysis gives up (every scalar stays). */
const MAX_ROUNDS = 12;

type Live = ReadonlySet<string>;

interface Targets {
  /** Live where a `break` goes, and where a `continue` goes. */
  brk: Live;
  cont: Live;
}

class Analysis {
  readonly at = new Map<Stmt, Live>();
  readonly labels = new Map<string, Live>();
  changed = false;

  constructor(
    private readonly scalars: ReadonlySet<string>,
    /** Names a fact statement reads beyond its arguments (an index's loop bound). */
    private readonly factReads: (id: number) => readonly string[],
  ) {}

  block(body: Stmt[], out: Live, t: Targets): Live {
    let live = out;
    for (let i = body.length - 1; i >= 0; i--) live = this.stmt(body[i]!, live, t);
    return live;
  }

  private stmt(s: Stmt, out: Live, t: Targets): Live {
    switch (s.t) {
      case 'fact':
        return this.plus(this.writes(out, s.lvalue), [...s.argExprs, ...targetReads(s.lvalue)], this.factReads(s.id));
      case 'call':
        return this.plus(this.writes(out, s.lvalue), [...s.argExprs, ...targetReads(s.lvalue)]);
      case 'assign':
        return s.op === '=' ? this.plus(this.writes(out, s.lvalue), [s.value, ...targetReads(s.lvalue)]) : this.plus(out, [s.value, s.lvalue]);
      case 'if': {
        this.at.set(s, out);
        return this.union(this.condReads(s.cond), this.block(s.then, out, t), this.block(s.else, out, t));
      }
      case 'switch':
        return this.switchIn(s, out, t);
      case 'loop':
        return this.loopIn(s, out);
      case 'return':
        return s.expr ? this.plus(new Set(), [s.expr]) : new Set();
      case 'goto':
        return this.labels.get(s.label) ?? new Set();
      case 'label': {
        const before = this.labels.get(s.name);
        if (!before || [...out].some((n) => !before.has(n))) {
          this.labels.set(s.name, before ? this.union(before, out) : out);
          this.changed = true;
        }
        const here = this.labels.get(s.name)!;
        this.at.set(s, here);
        return here;
      }
      case 'break':
        return t.brk;
      case 'continue':
        return t.cont;
    }
  }

  private switchIn(s: Extract<Stmt, { t: 'switch' }>, out: Live, t: Targets): Live {
    this.at.set(s, out);
    const inner: Targets = { brk: out, cont: t.cont };
    // Cases fall through: each one's exit is the next one's entry (the last one's is the switch's).
    let next = out;
    const entries: Live[] = [];
    for (let i = s.cases.length - 1; i >= 0; i--) {
      next = this.block(s.cases[i]!.body, next, inner);
      entries.push(next);
    }
    const noDefault = !s.cases.some((c) => c.labels.includes('default'));
    return this.union(s.subjectExpr ? this.plus(new Set(), [s.subjectExpr]) : new Set(), ...entries, noDefault ? out : new Set());
  }

  private loopIn(s: Extract<Stmt, { t: 'loop' }>, out: Live): Live {
    this.at.set(s, out);
    const cond = s.cond ? this.condReads(s.cond) : new Set<string>();
    let head: Live = this.union(cond, out);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const body = this.block(s.body, head, { brk: out, cont: head });
      const next = this.union(head, body);
      if (next.size === head.size) return head;
      head = next;
    }
    return this.scalars;
  }

  /** `x = ...`: x is not live before (unless the right side reads it, which plus adds back). */
  private writes(out: Live, lvalue: Expr | undefined): Live {
    if (lvalue?.t !== 'var' || !out.has(lvalue.name)) return out;
    const s = new Set(out);
    s.delete(lvalue.name);
    return s;
  }

  private plus(live: Live, exprs: Expr[], extra: readonly string[] = []): Live {
    const add = [...extra, ...exprs.flatMap((e) => exprNames(e))].filter((n) => this.scalars.has(n) && !live.has(n));
    return add.length ? new Set([...live, ...add]) : live;
  }

  private union(...sets: Live[]): Live {
    const out = new Set<string>();
    for (const s of sets) for (const n of s) out.add(n);
    return out;
  }

  private condReads(c: Cond): Live {
    return new Set(condNames(c).filter((n) => this.scalars.has(n)));
  }
}

/** What writing to `lvalue` reads: not a variable written whole, but the object a member is written in. */
function targetReads(lvalue: Expr | undefined): Expr[] {
  if (!lvalue || lvalue.t === 'var') return [];
  return lvalue.t === 'field' ? [lvalue.base] : lvalue.t === 'index' ? [lvalue.base, lvalue.index] : [lvalue];
}

/** Every variable an expression reads. */
export function exprNames(e: Expr, out: string[] = []): string[] {
  if (e.t === 'var') out.push(e.name);
  else for (const x of subExprs(e)) exprNames(x, out);
  return out;
}

function condNames(c: Cond): string[] {
  return condOperands(c).flatMap((e) => exprNames(e));
}

/** Names used as objects: dereferenced, indexed, member-read, address taken. */
function objectNames(e: Expr, out: Set<string>): void {
  // The object of a field, an index, `&x` or `*x` is used as one when it is a plain variable.
  const object = e.t === 'field' || e.t === 'index' ? e.base : e.t === 'addr' || e.t === 'deref' ? e.a : undefined;
  for (const x of subExprs(e)) {
    if (x === object && x.t === 'var') out.add(x.name);
    else objectNames(x, out);
  }
}

/** Every expression of a statement (not of the statements nested in it). */
function stmtExprs(s: Stmt): Expr[] {
  switch (s.t) {
    case 'fact':
      return [...s.argExprs, ...(s.lvalue ? [s.lvalue] : [])];
    case 'call':
      return [...s.argExprs, ...(s.lvalue ? [s.lvalue] : [])];
    case 'assign':
      return [s.lvalue, s.value];
    case 'return':
      return s.expr ? [s.expr] : [];
    case 'switch':
      return s.subjectExpr ? [s.subjectExpr] : [];
    case 'if':
    case 'loop':
      return s.cond ? condOperands(s.cond) : [];
    default:
      return [];
  }
}

function scalarsOf(fn: FunctionInfo): Set<string> {
  const seen = new Set<string>();
  const objects = new Set<string>();
  for (const s of allStatements(fn.body)) {
    for (const e of stmtExprs(s)) {
      for (const n of exprNames(e)) seen.add(n);
      objectNames(e, objects);
    }
  }
  return new Set([...seen].filter((n) => !objects.has(n)));
}

const cache = new WeakMap<FunctionInfo, Liveness>();

/** The liveness of `fn`'s scalars; `factReads` names what a fact reads beyond its arguments. */
export function liveness(fn: FunctionInfo, factReads: (id: number) => readonly string[]): Liveness {
  const known = cache.get(fn);
  if (known) return known;
  const scalars = scalarsOf(fn);
  const a = new Analysis(scalars, factReads);
  const none: Live = new Set();
  let settled = false;
  for (let round = 0; round < MAX_ROUNDS && !settled; round++) {
    a.changed = false;
    a.block(fn.body, none, { brk: none, cont: none });
    settled = !a.changed;
  }
  // Unsettled (a goto maze): claim nothing rather than something unsound.
  const dead = new Map<Stmt, string[]>();
  for (const [st, live] of a.at) {
    const d = [...scalars].filter((n) => !live.has(n));
    if (d.length) dead.set(st, d);
  }
  const result: Liveness = settled ? { scalars, deadAt: (st) => dead.get(st) } : { scalars: none, deadAt: () => undefined };
  cache.set(fn, result);
  return result;
}
