// Branches taken on conditions the model cannot read (`if (pdev_is_gen4(pdev) || ...)`): the path
// remembers them, so the same question asked again takes the same side. A compound condition is
// also remembered by its parts: `a || b` taken false makes a and b false, `a && b` taken true
// makes both true, and `a || b` taken true makes any later disjunction holding both a and b true
// (ntb's probe: `else if (gen4 || gen5)` set up the device, so `gen1 || gen3 || gen4 || gen5`
// at its error label runs the teardown). `!a` is remembered as a too.
import type { Cond } from '../../facts/types';
import { condKey } from './cond-key';

/** Key prefix of a disjunction known true; its atoms' keys follow, sorted, joined by `sep`. */
const anyPrefix = 'any:';
const sep = '\u0001';

/** The operands of an and-chain or an or-chain (`a || b || c`: a, b, c). */
export function chainOf(c: Cond, op: 'and' | 'or'): Cond[] {
  return c.t === op ? [...chainOf(c.a, op), ...chainOf(c.b, op)] : [c];
}

function atomValue(decisions: Record<string, boolean>, c: Cond): boolean | undefined {
  if (c.t === 'not') {
    const v = atomValue(decisions, c.a);
    return v === undefined ? undefined : !v;
  }
  return decisions[condKey(c)];
}

/** The side an earlier branch on the same question, or on its parts, decided. */
export function decidedBefore(decisions: Record<string, boolean>, cond: Cond): boolean | undefined {
  const whole = decisions[condKey(cond)];
  if (whole === undefined && cond.t === 'not') {
    const inner = decidedBefore(decisions, cond.a);
    return inner === undefined ? undefined : !inner;
  }
  if (whole !== undefined || (cond.t !== 'or' && cond.t !== 'and')) return whole;
  const atoms = chainOf(cond, cond.t);
  const values = atoms.map((a) => atomValue(decisions, a));
  if (cond.t === 'and') return values.includes(false) ? false : values.every((v) => v === true) ? true : undefined;
  if (values.includes(true)) return true;
  if (values.every((v) => v === false)) return false;
  const keys = new Set(atoms.map(condKey));
  for (const [k, v] of Object.entries(decisions))
    if (
      v &&
      k.startsWith(anyPrefix) &&
      k
        .slice(anyPrefix.length)
        .split(sep)
        .every((a) => keys.has(a))
    )
      return true;
  return undefined;
}

/** What taking `branch` on `cond` lets the path remember (keys `keep` accepts only). */
export function decisionsOf(cond: Cond, branch: boolean, keep: (key: string) => boolean): [string, boolean][] {
  const out: [string, boolean][] = [];
  const key = condKey(cond);
  if (keep(key)) out.push([key, branch]);
  // `!a` taken is `a` not taken: the question asked the other way round later is the same one.
  if (cond.t === 'not') return [...out, ...decisionsOf(cond.a, !branch, keep)];
  if (cond.t !== 'or' && cond.t !== 'and') return out;
  const atoms = chainOf(cond, cond.t);
  // Every part of a false disjunction is false, of a true conjunction true.
  if ((cond.t === 'or') !== branch) for (const a of atoms) if (a.t !== 'not' && keep(condKey(a))) out.push([condKey(a), branch]);
  const keys = atoms.map(condKey);
  if (cond.t === 'or' && branch && keys.every(keep)) out.push([anyPrefix + [...keys].sort().join(sep), true]);
  return out;
}
