// What the walker (walk.ts) and the semantics it runs (interpret.ts) share: the interface between
// them, a function's activation on the walk, and the walk's options.
import type { Cond, Expr, FunctionInfo, Range, Stmt } from '../../facts/types';

/** The statement of one kind. */
export type Of<T extends Stmt['t']> = Extract<Stmt, { t: T }>;

/** One activation of a function on the walk. */
export interface Frame {
  fn: FunctionInfo;
  /** Unique per activation: the scope of its locals. */
  id: number;
  /** Parameter name -> the caller's argument text as a device key (already renamed by the caller's frame). */
  rename: Map<string, string>;
  /** Parameter name -> the caller's location its argument points at (`p->x` is that location's `x`). */
  roots: Map<string, string>;
  depth: number;
  parent?: Frame;
}

/**
 * The narrow interface between the walk (control flow: forks, joins, gotos, calls entered) and
 * the semantics it runs (values, the MSI store): transfer functions per statement, one `assume`
 * per branch, and a key that says when two paths have the same future (they are merged).
 */
export interface Interpreter<S> {
  fork(s: S): S;
  /** Equal keys mean equal futures: those paths are merged. */
  key(s: S): string;
  /** Two paths merged: what the kept one must inherit from the dropped one (conservative flags). */
  join?(kept: S, dropped: S): void;
  /** Beyond maxStates, paths of higher priority are kept first. */
  priority?(s: S): number;
  /** `unknownCond`: the call sits under a branch condition the model could not read. False: no working driver takes this path. */
  fact(s: S, st: Of<'fact'>, frame: Frame, unknownCond: boolean): boolean;
  /** Before the walk enters `callee` for this call: bind its parameters. */
  enter(s: S, st: Of<'call'>, callee: Frame, caller: Frame): void;
  /** After a call: `callee` when the walk entered it (its return value is on the path), else it ran unseen. */
  call(s: S, st: Of<'call'>, frame: Frame, callee?: Frame): void;
  /** A call in a branch the walk skipped (it holds nothing the model tracks); args when known in this frame. */
  unseen(s: S, name: string, frame: Frame, args?: Expr[]): void;
  assign(s: S, st: Of<'assign'>, frame: Frame): void;
  /** A condition the walk does not branch on (neither branch holds anything tracked): it is still evaluated. */
  read(s: S, cond: Cond, frame: Frame): void;
  /** These locations may have changed (a skipped branch or a loop assigns them). */
  havoc(s: S, lvalues: Expr[], frame: Frame): void;
  /** These locals of the frame are dead (no way on reads them before writing them): forget them. */
  forget?(s: S, locals: readonly string[], frame: Frame): void;
  /** The side `cond` takes when the path already knows it (no outcome to split, nothing to learn). */
  decided?(s: S, cond: Cond, frame: Frame): boolean | undefined;
  /** The path refined by `cond` being `branch`: none when infeasible, several when it splits an outcome. `read`: the condition told the model something. */
  assume(s: S, cond: Cond, branch: boolean, frame: Frame, site?: Range): { states: S[]; read: boolean };
  goto(s: S, st: Of<'goto'>, frame: Frame): void;
  /** An entered function returned (st undefined: it fell off its end). */
  returned(s: S, st: Of<'return'> | undefined, frame: Frame): void;
  /** The outermost function ended on this path. */
  end(s: S, st: Of<'return'> | undefined, frame: Frame, inBranch: boolean): void;
}

export interface WalkOptions {
  /** The function a call enters, when the walk follows it. */
  callee(name: string, frame: Frame): FunctionInfo | undefined;
  /** Calls that matter even when not entered (cleanup-like, pcim_enable_device). */
  significantCall?(name: string): boolean;
  /** Live paths kept at most; beyond it the walk stops exploring more (never invents paths). */
  maxStates: number;
  maxDepth: number;
  /** Names a fact statement reads besides its arguments (liveness.ts). */
  factReads?(fn: FunctionInfo, id: number): readonly string[];
}
