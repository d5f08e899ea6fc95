// The walk over a function's control-flow skeleton (FunctionInfo.body). Path-sensitive:
// each live path carries its own model state; if/else and switch cases fork, so calls on
// mutually exclusive branches never meet; goto moves a path to its label (error unwinding);
// a loop body runs zero or one time; returns end a path. Identical states are merged at every
// join, and branches that hold nothing the model cares about are not forked at all.
import type { Cond, FunctionInfo, Range, Stmt } from '../../facts/types';
import { deviceKeyOf, paramName, renameRoot } from './device-text';
import { branchOutcomes, mentionedFacts, type Outcome, type Resolve } from './outcome';
import { shortCircuited } from './short-circuit';

/** One activation of a function on the walk: its renaming of parameters to caller devices. */
export interface Frame {
  fn: FunctionInfo;
  /** Parameter name -> the caller's argument text (already renamed by the caller's frame). */
  rename: Map<string, string>;
  depth: number;
  parent?: Frame;
}

export interface Interpreter<S> {
  clone(s: S): S;
  /** Equal signatures mean equal futures: those paths are merged. */
  signature(s: S): string;
  /** Two paths merged: what the kept one must inherit from the dropped one (conservative flags). */
  absorb?(kept: S, dropped: S): void;
  /** Replays one fact on one path. */
  /** `unknownCond`: the call sits under a branch condition the model could not read. */
  fact(s: S, id: number, frame: Frame, unknownCond: boolean): void;
  /** A branch decided how a fact ended on this path; false when that path cannot happen. */
  settle(s: S, fact: number, outcome: Outcome): boolean;
  resolver(s: S, frame: Frame): Resolve;
  /** A call the walk does not enter (unknown or not followed). */
  opaqueCall(s: S, name: string, args: string[], frame: Frame): void;
  assign(s: S, target: string, source: string, frame: Frame): void;
  took(s: S, how: 'goto', label: string): void;
  /** A condition's value on this path when known (a constant, or the same test decided before). */
  /** `readable`: decided from values the model knows (not merely the same test seen before). */
  decision(s: S, key: string, cond: Cond, frame: Frame): { value: boolean | undefined; readable: boolean };
  decide(s: S, key: string, value: boolean): void;
  /** An entered (inlined) function returned this value text on this path. */
  returned(s: S, value: string | undefined, frame: Frame): void;
  /** The outermost function ended on this path. */
  end(s: S, how: 'return' | 'fallthrough', value: string | undefined, range: Range | undefined, frame: Frame, inBranch: boolean): void;
}

export interface WalkOptions {
  /** The function a call enters, when the walk follows it. */
  callee(name: string, frame: Frame): FunctionInfo | undefined;
  /** Whether a decision on this condition is worth remembering (it is tested again somewhere). */
  keepDecision?(key: string): boolean;
  /** Calls that matter even when not entered (cleanup-like, pcim_enable_device). */
  significantCall?(name: string): boolean;
  /** Live paths kept at most; beyond it the walk stops exploring more (never invents paths). */
  maxStates: number;
  maxDepth: number;
}

interface Flow<S> {
  fall: S[];
  breaks: S[];
  continues: S[];
}

interface Ctx<S> {
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

/** Every condition key in a body (for counting which tests repeat). */
export function condKeys(body: Stmt[], acc: string[] = []): string[] {
  for (const st of body) {
    if (st.t === 'if') { acc.push(condKey(st.cond)); condKeys(st.then, acc); condKeys(st.else, acc); }
    else if (st.t === 'loop') condKeys(st.body, acc);
    else if (st.t === 'switch') for (const c of st.cases) condKeys(c.body, acc);
  }
  return acc;
}

export function condKey(c: Cond): string {
  switch (c.t) {
    case 'and':
    case 'or':
      return `(${condKey(c.a)} ${c.t === 'and' ? '&&' : '||'} ${condKey(c.b)})`;
    case 'not':
      return `!${condKey(c.a)}`;
    case 'cmp':
      return `${c.left.text} ${c.op} ${c.right.text}`;
    case 'truth':
      return c.operand.text;
    case 'opaque':
      return c.text;
  }
}

function merge<S>(ctx: Ctx<S>, ...lists: S[][]): S[] {
  const seen = new Map<string, S>();
  const out: S[] = [];
  for (const list of lists) {
    for (const s of list) {
      const sig = ctx.interp.signature(s);
      const kept = seen.get(sig);
      if (kept !== undefined) { if (kept !== s) ctx.interp.absorb?.(kept, s); continue; }
      seen.set(sig, s);
      if (out.length >= ctx.opts.maxStates) {
        ctx.truncated.value = true;
        continue;
      }
      out.push(s);
    }
  }
  return out;
}

const relevantCache = new WeakMap<Stmt[], boolean>();
const constSource = /^-?\s*(?:\d+|E[A-Z0-9]+|true|false|NULL)$/;

/** Whether a block can change a path's model state or end it (else the walk does not fork on it). */
function relevant<S>(ctx: Ctx<S>, body: Stmt[]): boolean {
  const cached = relevantCache.get(body);
  if (cached !== undefined) return cached;
  relevantCache.set(body, false); // recursion guard
  const r = body.some((s) => {
    switch (s.t) {
      case 'fact': case 'return': case 'goto': case 'label': case 'break': case 'continue':
        return true;
      case 'assign':
        return constSource.test(s.source);
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

const unseenCache = new WeakMap<Stmt[], string[]>();

/**
 * Calls in a block the walk skips (it holds nothing the model tracks) that lead nowhere the walk
 * can see: a branch may still have run them, so each path hears of them as unfollowed calls.
 */
function unseenCalls<S>(ctx: Ctx<S>, body: Stmt[], depth = 0): string[] {
  const cached = unseenCache.get(body);
  if (cached) return cached;
  unseenCache.set(body, []); // recursion guard
  const out = new Set<string>();
  const visit = (list: Stmt[]): void => {
    for (const st of list) {
      if (st.t === 'call') {
        const fn = depth < ctx.opts.maxDepth ? ctx.opts.callee(st.name, ctx.frame) : undefined;
        if (fn) for (const n of unseenCalls(ctx, fn.body, depth + 1)) out.add(n);
        else out.add(st.name);
      } else if (st.t === 'if') { visit(st.then); visit(st.else); }
      else if (st.t === 'loop') visit(st.body);
      else if (st.t === 'switch') for (const c of st.cases) visit(c.body);
    }
  };
  visit(body);
  const list = [...out];
  unseenCache.set(body, list);
  return list;
}

function skip<S>(ctx: Ctx<S>, bodies: Stmt[][], states: S[]): S[] {
  const names = bodies.flatMap((b) => unseenCalls(ctx, b));
  if (names.length) for (const st of states) for (const n of names) ctx.interp.opaqueCall(st, n, [], ctx.frame);
  return states;
}

function walkIf<S>(ctx: Ctx<S>, s: Extract<Stmt, { t: 'if' }>, states: S[]): Flow<S> {
  const { interp } = ctx;
  const flow: Flow<S> = { fall: [], breaks: [], continues: [] };
  if (!relevant(ctx, s.then) && !relevant(ctx, s.else)) return { ...flow, fall: skip(ctx, [s.then, s.else], states) };
  const key = condKey(s.cond);
  const thenIn: S[] = [];
  const elseIn: S[] = [];
  let opaque = false;
  // The paths coming in are the walk's own and dropped after the split, so the last branch a
  // path enters may take it without a copy (the copies were a third of the replay's time). A
  // path listed twice is copied every time.
  const unique = new Set(states).size === states.length;
  const own = (st: S): S => (unique ? st : interp.clone(st));
  for (const st of states) {
    const resolve = interp.resolver(st, ctx.frame);
    const facts = [...mentionedFacts(s.cond, resolve)];
    if (facts.length === 0) {
      const { value: known, readable } = interp.decision(st, key, s.cond, ctx.frame);
      if (!readable) opaque = true;
      const keep = ctx.opts.keepDecision?.(key) ?? true;
      if (known !== false) { const t = known === undefined ? interp.clone(st) : own(st); if (keep) interp.decide(t, key, true); thenIn.push(t); }
      if (known !== true) { const e = own(st); if (keep) interp.decide(e, key, false); elseIn.push(e); }
      continue;
    }
    // Split by each outcome the branch allows for the first fact the condition reads.
    const fact = facts[0]!;
    const { then, else: els } = branchOutcomes(s.cond, resolve, fact);
    for (const [outs, into] of [[then, thenIn], [els, elseIn]] as const) {
      if (outs.length === 0) continue; // no outcome of the call takes this branch
      const c = outs === els || els.length === 0 ? own(st) : interp.clone(st);
      if (outs.length === 2) { into.push(c); continue; }
      if (interp.settle(c, fact, outs[0]!)) into.push(c);
    }
  }
  const inner = { ...ctx, inBranch: true, unknownCond: ctx.unknownCond || opaque };
  const a = walkBlock(inner, s.then, thenIn);
  const b = walkBlock(inner, s.else, elseIn);
  return { fall: merge(ctx, a.fall, b.fall), breaks: [...a.breaks, ...b.breaks], continues: [...a.continues, ...b.continues] };
}

function walkSwitch<S>(ctx: Ctx<S>, s: Extract<Stmt, { t: 'switch' }>, states: S[]): Flow<S> {
  if (!s.cases.some((c) => relevant(ctx, c.body))) return { fall: skip(ctx, s.cases.map((c) => c.body), states), breaks: [], continues: [] };
  const outs: S[][] = [];
  const continues: S[] = [];
  const hasDefault = s.cases.some((c) => c.labels.includes('default'));
  if (!hasDefault) outs.push(states);
  for (const c of s.cases) {
    const f = walkBlock({ ...ctx, inBranch: true, unknownCond: true }, c.body, states.map((x) => ctx.interp.clone(x)));
    outs.push(f.fall, f.breaks);
    continues.push(...f.continues);
  }
  return { fall: merge(ctx, ...outs), breaks: [], continues };
}

function walkLoop<S>(ctx: Ctx<S>, s: Extract<Stmt, { t: 'loop' }>, states: S[]): Flow<S> {
  if (!relevant(ctx, s.body)) return { fall: skip(ctx, [s.body], states), breaks: [], continues: [] };
  const f = walkBlock({ ...ctx, inBranch: true }, s.body, states.map((x) => ctx.interp.clone(x)));
  return { fall: merge(ctx, states, f.fall, f.breaks, f.continues), breaks: [], continues: [] };
}

function enter<S>(ctx: Ctx<S>, name: string, args: string[], states: S[]): S[] | undefined {
  const fn = ctx.frame.depth < ctx.opts.maxDepth ? ctx.opts.callee(name, ctx.frame) : undefined;
  if (!fn) return undefined;
  // Recursion is not unrolled: a function already on the walk's stack is an opaque call.
  for (let f: Frame | undefined = ctx.frame; f; f = f.parent) if (f.fn === fn) return undefined;
  const rename = new Map<string, string>();
  fn.params.forEach((p, i) => {
    const n = paramName(p);
    if (n && args[i] !== undefined) rename.set(n, renameRoot(deviceKeyOf(args[i]!), ctx.frame.rename));
  });
  const frame: Frame = { fn, rename, depth: ctx.frame.depth + 1, parent: ctx.frame };
  const inner: Ctx<S> = { ...ctx, frame, gotos: new Map(), returns: [], outer: false, inBranch: false };
  const f = walkBlock(inner, fn.body, states);
  for (const st of f.fall) ctx.interp.returned(st, undefined, frame);
  return merge(ctx, f.fall, inner.returns);
}

function walkCall<S>(ctx: Ctx<S>, name: string, args: string[], states: S[]): S[] {
  const after = enter(ctx, name, args, states);
  if (after) return after;
  for (const st of states) ctx.interp.opaqueCall(st, name, args, ctx.frame);
  return states;
}

function walkReturn<S>(ctx: Ctx<S>, s: Extract<Stmt, { t: 'return' }>, states: S[]): void {
  // `return f(x);`: the skeleton lists the call itself just before the return.
  if (ctx.outer) for (const st of states) ctx.interp.end(st, 'return', s.value, s.range, ctx.frame, ctx.inBranch);
  else {
    for (const st of states) ctx.interp.returned(st, s.value, ctx.frame);
    ctx.returns.push(...states);
  }
}

/** Walks a block; returns the paths that fall out of its end and those that break/continue. */
export function walkBlock<S>(ctx: Ctx<S>, body: Stmt[], input: S[]): Flow<S> {
  let states = input;
  const breaks: S[] = [];
  const continues: S[] = [];
  for (const s of body) {
    if (s.t === 'label') {
      const pending = ctx.gotos.get(s.name);
      if (pending) { ctx.gotos.delete(s.name); states = merge(ctx, states, pending); }
      continue;
    }
    if (states.length === 0) continue;
    switch (s.t) {
      case 'fact':
        for (const st of states) ctx.interp.fact(st, s.id, ctx.frame, ctx.unknownCond || shortCircuited(ctx.frame.fn).has(s.id));
        if (states.length > 1) states = merge(ctx, states);
        break;
      case 'call':
        states = walkCall(ctx, s.name, s.args, states);
        if (s.result) for (const st of states) ctx.interp.assign(st, s.result, `${s.name}()`, ctx.frame);
        break;
      case 'assign': {
        for (const st of states) ctx.interp.assign(st, s.target, s.source, ctx.frame);
        break;
      }
      case 'if': {
        const f = walkIf(ctx, s, states);
        states = f.fall; breaks.push(...f.breaks); continues.push(...f.continues);
        break;
      }
      case 'switch': {
        const f = walkSwitch(ctx, s, states);
        states = f.fall; continues.push(...f.continues);
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
        for (const st of states) ctx.interp.took(st, 'goto', s.label);
        ctx.gotos.set(s.label, merge(ctx, ctx.gotos.get(s.label) ?? [], states));
        states = [];
        break;
      case 'break':
        breaks.push(...states); states = [];
        break;
      case 'continue':
        continues.push(...states); states = [];
        break;
    }
  }
  return { fall: states, breaks, continues };
}

/** Walks one function from the given states; returns whether paths were dropped at the cap. */
export function walkFunction<S>(fn: FunctionInfo, start: S[], interp: Interpreter<S>, opts: WalkOptions, rename = new Map<string, string>()): { truncated: boolean } {
  const frame: Frame = { fn, rename, depth: 0 };
  const ctx: Ctx<S> = { interp, opts, frame, gotos: new Map(), returns: [], outer: true, inBranch: false, unknownCond: false, truncated: { value: false } };
  const f = walkBlock(ctx, fn.body, merge(ctx, start));
  for (const st of merge(ctx, f.fall, f.breaks, f.continues)) interp.end(st, 'fallthrough', undefined, undefined, frame, false);
  return { truncated: ctx.truncated.value };
}
