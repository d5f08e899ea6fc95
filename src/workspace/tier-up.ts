// How eagerly V8 optimizes, tuned for the scan: a tree check is a 3-5 s batch in three fresh
// isolates (the main thread and two scan workers), each compiling the same code. With V8's
// default interrupt budget (132 KB of bytecode executed), TurboFan compiles the replay and
// skeleton walkers early, on thin type feedback, and compiles them again after each deopt
// (walkBlock 6 times, walkCall 10 times per run): on the 6.12 tree that was about 2.3 s of
// background compile CPU on a 2-core machine, more than the optimized code gave back.
// A larger budget optimizes what stays hot, once. Measured (bench, medians of 7, 6.12 tree):
// `irqlens check` 4.40 s at the default, 3.64 s at 500 KB, 3.56 s at 1 MB, 3.79 s at 2 MB.
// The flag is process-wide, so setting it before the workers start covers them too.
import { setFlagsFromString } from 'node:v8';

export const scanInterruptBudget = 1_000_000;

/** Applies the scan's tier-up budget unless the user gave node one (V8 flags are not allowed in NODE_OPTIONS). */
export function tuneTierUpForScans(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((a) => /^--interrupt[-_]budget(=|$)/.test(a))) return false;
  setFlagsFromString(`--interrupt-budget=${scanInterruptBudget}`);
  return true;
}
