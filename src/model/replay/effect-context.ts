// What the interpreter lends the files that hold its transfer functions (call-effects.ts,
// branch-effects.ts): the walk's hooks, what it records across paths, and its evaluator.
import type { MsiFact } from '../../facts/types';
import type { Evaluator } from './evaluate';
import type { PathState, ReplayHooks } from './replay-state';
import type { Frame } from './walk-interface';

export interface EffectContext {
  readonly hooks: ReplayHooks;
  /** Allocations (file#id) whose result some path read. */
  readonly usedResults: Set<string>;
  /** Whether a decision on an unreadable condition is worth remembering (it is tested again). */
  keepDecision(key: string): boolean;
  evaluator(s: PathState, frame: Frame): Evaluator;
  factOf(frame: Frame, id: number): MsiFact | undefined;
}
