// Interval helpers: counts and indices that are exact, bounded or only known at run time.
import type { Interval } from './types';

export function exact(n: number): Interval {
  return { min: n, max: n };
}

export function between(min: number, max: number | null): Interval {
  return { min, max };
}

/** A value about which nothing is known but its sign: [0, run time]. */
export function unknown(): Interval {
  return { min: 0, max: null };
}

export function isExact(v: Interval): boolean {
  return v.max !== null && v.min === v.max;
}

/** The upper bound, or `cap` when the value is only known at run time. */
export function upper(v: Interval, cap: number): number {
  return v.max === null ? cap : Math.min(v.max, cap);
}

export function show(v: Interval): string {
  if (v.max === null) return `${v.min}..(run time)`;
  return v.min === v.max ? `${v.min}` : `${v.min}..${v.max}`;
}

export function showSpan(first: number, last: number): string {
  return first === last ? `${first}` : `${first}..${last}`;
}
