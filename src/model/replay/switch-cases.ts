// A switch as the conditions its cases are entered on, so the walk can ask the interpreter, case
// by case, which paths take it (`switch (ar_pci->oper_irq_mode)` after probe stored the mode).
import type { Cond, Stmt } from '../../facts/types';
import { exprText } from './expr-text';

type Switch = Extract<Stmt, { t: 'switch' }>;

const cache = new WeakMap<Switch, { cases: Cond[]; none: Cond } | null>();

/** The conditions of a switch, built once per statement (a walk passes it on every path set). */
export function caseConditions(s: Switch): { cases: Cond[]; none: Cond } | undefined {
  let c = cache.get(s);
  if (c === undefined) {
    c = conditionsOf(s) ?? null;
    cache.set(s, c);
  }
  return c ?? undefined;
}

/**
 * `switch (x) { case A: case B: ... default: ... }` as conditions: each case's `x == A || x == B`
 * (a default case also takes every value no label names), and `none` for no label at all. Only
 * when every label is a constant; otherwise undefined (each case may run).
 */
function conditionsOf(s: Switch): { cases: Cond[]; none: Cond } | undefined {
  const subject = s.subjectExpr;
  if (!subject || s.cases.some((c) => !c.values || c.values.some((v, i) => v === null && c.labels[i] !== 'default'))) return undefined;
  const operand = { expr: subject, text: exprText(subject) };
  const test = (op: '==' | '!=', v: number): Cond => ({ t: 'cmp', op, left: operand, right: { expr: { t: 'int', value: v }, text: String(v), value: v } });
  const all = s.cases.flatMap((c) => c.values!.filter((v): v is number => v !== null));
  const none = all.map((v) => test('!=', v)).reduce<Cond | undefined>((a, b) => (a ? { t: 'and', a, b } : b), undefined) ?? {
    t: 'truth',
    operand: { expr: { t: 'int', value: 1 }, text: '1', value: 1 },
  };
  const cases = s.cases.map((c) => {
    const own = c.values!.filter((v): v is number => v !== null).map((v) => test('==', v));
    const alts = c.labels.includes('default') ? [...own, none] : own;
    return alts.reduce((a, b) => ({ t: 'or', a, b }));
  });
  return { cases, none };
}
