// Blocks the walk does not enter because they hold nothing the model tracks: whether a block is
// such, and what paths that pass it still hear of (the calls it makes, the locations it writes).
import type { Expr, Stmt } from '../../facts/types';
import { written } from './statements';
import type { Ctx } from './walk-paths';

const relevantCache = new WeakMap<Stmt[], boolean>();

/** Whether a block can change a path's model state or end it (else the walk does not fork on it). */
export function relevant<S>(ctx: Ctx<S>, body: Stmt[]): boolean {
  const cached = relevantCache.get(body);
  if (cached !== undefined) return cached;
  relevantCache.set(body, false); // recursion guard
  const r = body.some((s) => {
    switch (s.t) {
      case 'fact':
      case 'return':
      case 'goto':
      case 'label':
      case 'break':
      case 'continue':
        return true;
      case 'assign':
        return s.value.t !== 'other';
      case 'call': {
        if (ctx.opts.significantCall?.(s.name)) return true;
        const fn = ctx.opts.callee(s.name, ctx.frame);
        return fn !== undefined && relevant(ctx, fn.body);
      }
      case 'if':
        return relevant(ctx, s.then) || relevant(ctx, s.else);
      case 'switch':
        return s.cases.some((c) => relevant(ctx, c.body));
      case 'loop':
        return relevant(ctx, s.body);
    }
  });
  relevantCache.set(body, r);
  return r;
}

/** A call the walk skipped: its arguments when it sits in the skipped block itself (not deeper). */
interface Unseen {
  name: string;
  args?: Expr[];
}

const unseenCache = new WeakMap<Stmt[], Unseen[]>();

/**
 * Calls in a block the walk skips (it holds nothing the model tracks) that lead nowhere the walk
 * can see: a branch may still have run them, so each path hears of them as unfollowed calls.
 */
function unseenCalls<S>(ctx: Ctx<S>, body: Stmt[], depth = 0): Unseen[] {
  const cached = unseenCache.get(body);
  if (cached) return cached;
  unseenCache.set(body, []); // recursion guard
  const out = new Map<string, Unseen>();
  const visit = (list: Stmt[]): void => {
    for (const st of list) {
      if (st.t === 'call') {
        const fn = depth < ctx.opts.maxDepth ? ctx.opts.callee(st.name, ctx.frame) : undefined;
        // Arguments of a deeper call are in the callee's names: only its name travels up.
        if (fn)
          for (const n of unseenCalls(ctx, fn.body, depth + 1)) {
            if (!out.has(n.name)) out.set(n.name, { name: n.name });
          }
        else if (!out.get(st.name)?.args) out.set(st.name, { name: st.name, args: st.argExprs });
      } else if (st.t === 'if') {
        visit(st.then);
        visit(st.else);
      } else if (st.t === 'loop') visit(st.body);
      else if (st.t === 'switch') for (const c of st.cases) visit(c.body);
    }
  };
  visit(body);
  const list = [...out.values()];
  unseenCache.set(body, list);
  return list;
}

/** Paths pass a block the walk does not enter: what it may have assigned or called is forgotten. */
export function skip<S>(ctx: Ctx<S>, bodies: Stmt[][], states: S[]): S[] {
  const names = bodies.flatMap((b) => unseenCalls(ctx, b));
  const lvalues = bodies.flatMap((b) => written(b));
  for (const st of states) {
    for (const n of names) ctx.interp.unseen(st, n.name, ctx.frame, n.args);
    if (lvalues.length) ctx.interp.havoc(st, lvalues, ctx.frame);
  }
  return states;
}
