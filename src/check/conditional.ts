// Code under an `#if` the driver cannot decide (CONFIG_*, kbuild) is compiled in some
// configurations only: a finding that rests on a call there (its site or a related call) is at
// most a warning, and says which directive it assumed.
import type { Conditional, Range } from '../facts/types';
import type { WalkReport } from '../model/replay/run';
import type { Finding } from '../vocabulary/finding';

const key = (file: string, r: Range): string => `${file}:${r.line}:${r.column}`;

/** The conditional calls the walks saw, by call site. */
export function conditionalSites(reports: WalkReport[]): Map<string, Conditional> {
  const out = new Map<string, Conditional>();
  for (const r of reports) for (const e of r.events) if (e.kind === 'op' && e.fact.conditional) out.set(key(e.fact.file, e.fact.range), e.fact.conditional);
  return out;
}

/** `f` capped at warning when it rests on a conditional call. */
export function capConditional(f: Finding, sites: Map<string, Conditional>): Finding {
  if (sites.size === 0) return f;
  const cond = sites.get(key(f.file, f.range)) ?? f.related.map((r) => sites.get(key(r.file, r.range))).find((c) => c !== undefined);
  if (!cond) return f;
  const assumption = `compiled only in configurations where ${cond.directive} holds`;
  return { ...f, severity: f.severity === 'error' ? 'warning' : f.severity, assumptions: [assumption, ...f.assumptions] };
}
