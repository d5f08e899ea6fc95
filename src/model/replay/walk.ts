// The walk over a function's control-flow skeleton (FunctionInfo.body). Path-sensitive:
// each live path carries its own model state; if/else and switch cases fork, so calls on
// mutually exclusive branches never meet; goto moves a path to its label (error unwinding);
// a loop body runs zero or one time; returns end a path. Identical states are merged at every
// join, and branches that hold nothing the model cares about are not forked at all.
import type { Cond, FunctionInfo, Stmt } from '../../facts/types';
import type { Frame, Interpreter, Of, WalkOptions } from './walk-interface';
import { factGuards, type Guard } from './short-circuit';
import { written } from './statements';
import { type Ctx, type Flow, join, merge } from './walk-paths';
import { relevant, skip } from './walk-skip';
import { caseConditions } from './switch-cases';

function walkIf<S>(ctx: Ctx<S>, s: Of<'if'>, states: S[]): Flow<S> {
  const { interp } = ctx;
  const flow: Flow<S> = { fall: [], breaks: [], continues: [] };
  if (!relevant(ctx, s.then) && !relevant(ctx, s.else)) {
    // A path that already decides the condition runs only that side: only its writes are lost.
    const sides = (st: S): Stmt[][] => {
      const d = interp.decided?.(st, s.cond, ctx.frame);
      return d === true ? [s.then] : d === false ? [s.else] : [s.then, s.else];
    };
    for (const st of states) interp.read(st, s.cond, ctx.frame);
    return { ...flow, fall: states.flatMap((st) => skip(ctx, sides(st), [st])) };
  }
  const thenIn: S[] = [];
  const elseIn: S[] = [];
  let opaque = false;
  for (const st of states) {
    // A condition the path already decides takes one side without a copy of the path.
    const d = interp.decided?.(st, s.cond, ctx.frame);
    if (d !== undefined) {
      const x = interp.assume(st, s.cond, d, ctx.frame, d ? s.range : undefined);
      (d ? thenIn : elseIn).push(...x.states);
      if (!x.read) opaque = true;
      continue;
    }
    const t = interp.assume(interp.fork(st), s.cond, true, ctx.frame, s.range);
    // The incoming path is the walk's own and dropped after the split: the else side takes it.
    const e = interp.assume(st, s.cond, false, ctx.frame);
    if (!t.read || !e.read) opaque = true;
    thenIn.push(...t.states);
    elseIn.push(...e.states);
  }
  const inner = { ...ctx, inBranch: true, unknownCond: ctx.unknownCond || opaque };
  const a = walkBlock(inner, s.then, thenIn);
  const b = walkBlock(inner, s.else, elseIn);
  return { fall: join(ctx, s, a.fall, b.fall), breaks: [...a.breaks, ...b.breaks], continues: [...a.continues, ...b.continues] };
}

function walkSwitch<S>(ctx: Ctx<S>, s: Of<'switch'>, states: S[]): Flow<S> {
  if (!s.cases.some((c) => relevant(ctx, c.body)))
    return {
      fall: skip(
        ctx,
        s.cases.map((c) => c.body),
        states,
      ),
      breaks: [],
      continues: [],
    };
  const outs: S[][] = [];
  const continues: S[] = [];
  const hasDefault = s.cases.some((c) => c.labels.includes('default'));
  const conds = caseConditions(s);
  if (!hasDefault) outs.push(conds ? entering(ctx, states, conds.none).states : states);
  s.cases.forEach((c, i) => {
    // Labels the model can read enter their case only on the paths whose subject matches.
    const entered = conds ? entering(ctx, states, conds.cases[i]!) : { states: states.map((x) => ctx.interp.fork(x)), read: false };
    const f = walkBlock({ ...ctx, inBranch: true, unknownCond: ctx.unknownCond || !entered.read }, c.body, entered.states);
    outs.push(f.fall, f.breaks);
    continues.push(...f.continues);
  });
  return { fall: join(ctx, s, ...outs), breaks: [], continues };
}

/** The paths (copies) on which `cond` holds, and whether every one of them could read it. */
function entering<S>(ctx: Ctx<S>, states: S[], cond: Cond): { states: S[]; read: boolean } {
  let read = true;
  const out: S[] = [];
  for (const st of states) {
    const r = ctx.interp.assume(ctx.interp.fork(st), cond, true, ctx.frame);
    if (!r.read) read = false;
    out.push(...r.states);
  }
  return { states: out, read };
}

function walkLoop<S>(ctx: Ctx<S>, s: Of<'loop'>, states: S[]): Flow<S> {
  if (!relevant(ctx, s.body)) return { fall: skip(ctx, [s.body], states), breaks: [], continues: [] };
  // Zero iterations leave the values as they were; one walk of the body stands for the last of
  // any number of iterations, so it starts from a head where what the body assigns is unknown.
  const lvalues = written(s.body);
  const zero = lvalues.length ? states.map((x) => ctx.interp.fork(x)) : states;
  if (lvalues.length) for (const st of states) ctx.interp.havoc(st, lvalues, ctx.frame);
  const f = walkBlock(
    { ...ctx, inBranch: true },
    s.body,
    states.map((x) => ctx.interp.fork(x)),
  );
  return { fall: join(ctx, s, zero, f.fall, f.breaks, f.continues), breaks: [], continues: [] };
}

let activations = 0;

function enter<S>(ctx: Ctx<S>, st: Of<'call'>, states: S[]): { states: S[]; frame: Frame } | undefined {
  const fn = ctx.frame.depth < ctx.opts.maxDepth ? ctx.opts.callee(st.name, ctx.frame) : undefined;
  if (!fn) return undefined;
  // Recursion is not unrolled: a function already on the walk's stack is an opaque call.
  for (let f: Frame | undefined = ctx.frame; f; f = f.parent) if (f.fn === fn) return undefined;
  const frame: Frame = { fn, id: ++activations, rename: new Map(), roots: new Map(), depth: ctx.frame.depth + 1, parent: ctx.frame };
  for (const s of states) ctx.interp.enter(s, st, frame, ctx.frame);
  const inner: Ctx<S> = { ...ctx, frame, gotos: new Map(), returns: [], outer: false, inBranch: false };
  const f = walkBlock(inner, fn.body, states);
  for (const s of f.fall) ctx.interp.returned(s, undefined, frame);
  return { states: merge(ctx, f.fall, inner.returns), frame };
}

function walkCall<S>(ctx: Ctx<S>, st: Of<'call'>, states: S[]): S[] {
  const entered = enter(ctx, st, states);
  const after = entered?.states ?? states;
  for (const s of after) ctx.interp.call(s, st, ctx.frame, entered?.frame);
  return entered ? merge(ctx, after) : after;
}

function walkReturn<S>(ctx: Ctx<S>, s: Of<'return'>, states: S[]): void {
  // `return f(x);`: the skeleton lists the call itself just before the return.
  if (ctx.outer) for (const st of states) ctx.interp.end(st, s, ctx.frame, ctx.inBranch);
  else {
    for (const st of states) ctx.interp.returned(st, s, ctx.frame);
    ctx.returns.push(...states);
  }
}

/**
 * A call behind `a && f()` / `a || f()` runs only where the test on its left lets it: a path that
 * has not decided the test splits into the side where the call runs (the test holding) and the
 * one where it does not.
 */
function guarded<S>(ctx: Ctx<S>, guards: Guard[], states: S[]): { run: S[]; skipped: S[] } {
  const run: S[] = [];
  const skipped: S[] = [];
  for (const st of states) {
    let paths = [st];
    for (const g of guards) {
      const next: S[] = [];
      for (const p of paths) {
        const d = ctx.interp.decided?.(p, g.cond, ctx.frame);
        if (d === !g.side) {
          skipped.push(p);
          continue;
        }
        if (d === g.side) {
          next.push(p);
          continue;
        }
        // `a && f()` is `if (a) f()`: the walk forks on a as it does on an if.
        skipped.push(...ctx.interp.assume(ctx.interp.fork(p), g.cond, !g.side, ctx.frame).states);
        next.push(...ctx.interp.assume(p, g.cond, g.side, ctx.frame).states);
      }
      paths = next;
    }
    run.push(...paths);
  }
  return { run, skipped };
}

function walkFact<S>(ctx: Ctx<S>, s: Of<'fact'>, states: S[]): S[] {
  const guards = factGuards(ctx.frame.fn).get(s.id);
  const { run, skipped } = guards ? guarded(ctx, guards, states) : { run: states, skipped: [] };
  // Whether the call runs at all turns on its test: findings on it stay below a definite error.
  const unknown = ctx.unknownCond || guards !== undefined;
  return merge(ctx, [...run.filter((st) => ctx.interp.fact(st, s, ctx.frame, unknown)), ...skipped]);
}

/** Walks a block; returns the paths that fall out of its end and those that break/continue. */
export function walkBlock<S>(ctx: Ctx<S>, body: Stmt[], input: S[]): Flow<S> {
  let states = input;
  const breaks: S[] = [];
  const continues: S[] = [];
  for (const s of body) {
    if (s.t === 'label') {
      const pending = ctx.gotos.get(s.name);
      if (pending) {
        ctx.gotos.delete(s.name);
        states = join(ctx, s, states, pending);
      }
      continue;
    }
    if (states.length === 0) continue;
    switch (s.t) {
      case 'fact':
        states = walkFact(ctx, s, states);
        break;
      case 'call':
        states = walkCall(ctx, s, states);
        break;
      case 'assign': {
        for (const st of states) ctx.interp.assign(st, s, ctx.frame);
        break;
      }
      case 'if': {
        const f = walkIf(ctx, s, states);
        states = f.fall;
        breaks.push(...f.breaks);
        continues.push(...f.continues);
        break;
      }
      case 'switch': {
        const f = walkSwitch(ctx, s, states);
        states = f.fall;
        continues.push(...f.continues);
        break;
      }
      case 'loop':
        states = walkLoop(ctx, s, states).fall;
        break;
      case 'return':
        walkReturn(ctx, s, states);
        states = [];
        break;
      case 'goto':
        for (const st of states) ctx.interp.goto(st, s, ctx.frame);
        ctx.gotos.set(s.label, merge(ctx, ctx.gotos.get(s.label) ?? [], states));
        states = [];
        break;
      case 'break':
        breaks.push(...states);
        states = [];
        break;
      case 'continue':
        continues.push(...states);
        states = [];
        break;
    }
  }
  return { fall: states, breaks, continues };
}

/** Walks one function from the given states; returns whether paths were dropped at the cap. */
export function walkFunction<S>(
  fn: FunctionInfo,
  start: S[],
  interp: Interpreter<S>,
  opts: WalkOptions,
  rename = new Map<string, string>(),
  roots = new Map<string, string>(),
): { truncated: boolean; frame: Frame } {
  const frame: Frame = { fn, id: ++activations, rename, roots, depth: 0 };
  const ctx: Ctx<S> = { interp, opts, frame, gotos: new Map(), returns: [], outer: true, inBranch: false, unknownCond: false, truncated: { value: false } };
  const f = walkBlock(ctx, fn.body, merge(ctx, start));
  for (const st of merge(ctx, f.fall, f.breaks, f.continues)) interp.end(st, undefined, frame, false);
  return { truncated: ctx.truncated.value, frame };
}
