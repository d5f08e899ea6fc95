// The walk's context (the interpreter, the frame, the gotos pending) and how paths meet: identical
// states merge, over the cap the paths the interpreter ranks higher are kept, and where branches
// join the frame's dead scalars are forgotten first (liveness.ts).
import type { Stmt } from '../../facts/types';
import { liveness } from './liveness';
import type { Frame, Interpreter, WalkOptions } from './walk-interface';

export interface Flow<S> {
  fall: S[];
  breaks: S[];
  continues: S[];
}

export interface Ctx<S> {
  interp: Interpreter<S>;
  opts: WalkOptions;
  frame: Frame;
  gotos: Map<string, S[]>;
  /** Paths that returned from this frame (inlined callees continue in the caller). */
  returns: S[];
  outer: boolean;
  /** Inside an if/switch/loop body: a return there is an early (usually error) return. */
  inBranch: boolean;
  /** Inside an if/switch branch whose condition names no MSI result and was not decided. */
  unknownCond: boolean;
  truncated: { value: boolean };
}

export function merge<S>(ctx: Ctx<S>, ...lists: S[][]): S[] {
  // One path has nothing to merge with (and signing it would freeze its records for nothing).
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 1 && nonEmpty[0]!.length === 1) return nonEmpty[0]!;
  const seen = new Map<string, S>();
  const out: S[] = [];
  for (const list of lists) {
    for (const s of list) {
      const sig = ctx.interp.key(s);
      const kept = seen.get(sig);
      if (kept !== undefined) {
        if (kept !== s) ctx.interp.join?.(kept, s);
        continue;
      }
      seen.set(sig, s);
      out.push(s);
    }
  }
  if (out.length <= ctx.opts.maxStates) return out;
  ctx.truncated.value = true;
  // Over the limit: keep the paths that carry what the interpreter tracks first (a path with
  // vectors allocated can still leak; one with nothing allocated cannot), in walk order.
  const rank = ctx.interp.priority;
  if (!rank) return out.slice(0, ctx.opts.maxStates);
  return out
    .map((s, i) => ({ s, i, r: rank.call(ctx.interp, s) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .slice(0, ctx.opts.maxStates)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
}

/**
 * Paths joining at `st` (after an if, a switch or a loop; at a label): the frame's scalars no way
 * on reads are forgotten first, so paths that differ only in them merge.
 */
export function join<S>(ctx: Ctx<S>, st: Stmt, ...lists: S[][]): S[] {
  const forget = ctx.interp.forget;
  if (forget && lists.reduce((n, l) => n + l.length, 0) > 1) {
    const fn = ctx.frame.fn;
    const dead = liveness(fn, (id) => ctx.opts.factReads?.(fn, id) ?? []).deadAt(st);
    if (dead) for (const l of lists) for (const s of l) forget.call(ctx.interp, s, dead, ctx.frame);
  }
  return merge(ctx, ...lists);
}
