// What a branch the path cannot decide teaches it: narrowed locations and granted counts
// (refinement.ts), or, for a question it cannot read, the side taken, remembered for the next time
// it is asked (decisions.ts); and when taking a side on such a question is a guess.
import type { Cond } from '../../facts/types';
import { apiOp } from './api-ops';
import { decidedBefore, decisionsOf } from './decisions';
import type { EffectContext } from './effect-context';
import { writableStore } from './path-locations';
import { writable as own } from './path-parts';
import { refinement } from './refinement';
import { removesOwn } from './remove-questions';
import type { PathState } from './replay-state';
import { constrainGranted } from './store-port';
import type { Num } from './values';
import type { Frame } from './walk-interface';

/** An undecided condition: narrow what it tests, or remember the branch taken on it. */
export function refined(cx: EffectContext, s: PathState, cond: Cond, branch: boolean, frame: Frame, read: boolean): { states: PathState[]; read: boolean } {
  const r = refinement(cx.evaluator(s, frame), cond, branch, frame);
  if (r.infeasible) return { states: [], read: true };
  // Narrowing what a location holds does not change what it points at: nothing below it dies.
  for (const [key, v] of r.binds) own(s, 'env').set(key, v);
  for (const [fact, v] of r.granted) granted(cx, s, fact, v, frame);
  // remove branching on a value it does not know: probe may have decided it (a mode it chose).
  // Not so for remove's own questions: a call's answer (`if (send_down(vf))`) or a local it just
  // read (`if (!priv) return;` on the drvdata probe set), as opposed to a field probe wrote.
  // So too for probe's unwinding after a goto: `if (hw->flags & USE_MSI) pci_disable_msi()` where
  // the flag is set where the walk cannot see (sky2: in the MSI test's IRQ handler).
  const unwinding = cx.hooks.phase === 'remove' || (cx.hooks.phase === 'probe' && s.errorPath);
  if (!read && r.granted.length === 0 && unwinding && !removesOwn(cond)) s.guessed = true;
  if (r.binds.length || read) return { states: [s], read: read || r.granted.length > 0 };
  const known = decidedBefore(s.decisions, cond);
  if (known !== undefined) return { states: known === branch ? [s] : [], read: false };
  for (const [key, side] of decisionsOf(cond, branch, (k) => cx.keepDecision(k))) own(s, 'decisions')[key] = side;
  return { states: [s], read: false };
}

/** The count an allocation granted, as a branch narrowed it, applied to its blocks. */
function granted(cx: EffectContext, s: PathState, id: number, v: Num, frame: Frame): void {
  const fact = cx.factOf(frame, id);
  if (!fact || apiOp(fact.api).returns !== 'count') return;
  constrainGranted(writableStore(s), { file: fact.file, range: fact.range, function: fact.function, api: fact.api }, Math.max(1, v.lo), v.hi);
}

/** A condition that is (the negation of) an MSI capability query such as pci_msix_can_alloc_dyn(). */
export function isCapabilityQuery(cx: EffectContext, cond: Cond, frame: Frame): boolean {
  if (cond.t === 'not') return isCapabilityQuery(cx, cond.a, frame);
  if (cond.t !== 'truth') return false;
  const e = cond.operand.expr;
  const fact = e.t === 'call' && e.fact !== undefined ? cx.factOf(frame, e.fact) : undefined;
  return fact !== undefined && apiOp(fact.api).op === 'query-dyn';
}
