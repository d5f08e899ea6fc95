// msi/impossible-success-test's evidence, gathered over a whole walk: a test of an allocation's
// count (`if (!ret)` after pci_alloc_irq_vectors()) that neither outcome passes, kept per `if`
// site, and dropped as soon as some path reaching the site can pass it.
import type { Cond, MsiFact, Range } from '../../facts/types';
import { apiOp } from './api-ops';
import { condKey } from './cond-key';
import type { Evaluator } from './evaluate';
import type { Outcome } from './outcome';
import { isRes } from './values';

/** `if (!ret)` after pci_alloc_irq_vectors(): true for no value the call returns. */
export interface ImpossibleTest {
  fact: MsiFact;
  file: string;
  range: Range;
  test: string;
}

export class ImpossibleTests {
  private readonly sites = new Map<string, { test?: ImpossibleTest; passable: boolean }>();

  /**
   * A path reaches the test at `site` of `file`: `evaluator(assumed)` reads it on that path, with
   * an allocation's outcome assumed when given. Passable here unless this very path shows that
   * no outcome passes it.
   */
  note(
    file: string,
    site: Range,
    cond: Cond,
    evaluator: (assumed?: Record<number, Outcome>) => Evaluator,
    factById: (file: string, id: number) => MsiFact | undefined,
  ): void {
    const key = `${file}:${site.line}:${site.column}`;
    const seen = this.sites.get(key) ?? { passable: false };
    this.sites.set(key, seen);
    const ev = evaluator();
    if (seen.passable || ev.cond(cond) === false) return;
    const leaves =
      cond.t === 'truth' ? [cond.operand] : cond.t === 'cmp' ? [cond.left, cond.right] : cond.t === 'not' && cond.a.t === 'truth' ? [cond.a.operand] : [];
    for (const leaf of leaves) {
      const v = ev.value(leaf.expr);
      if (!isRes(v) || ev.outcome(v.fact) !== undefined) continue;
      const fact = factById(v.file, v.fact);
      if (!fact || apiOp(fact.api).returns !== 'count') continue;
      const never = (['ok', 'failed'] as const).every((o) => evaluator({ [v.fact]: o }).cond(cond) === false);
      if (never) {
        seen.test ??= { fact, file, range: site, test: condKey(cond) };
        return;
      }
    }
    seen.passable = true;
  }

  /** Tests no outcome passes on any path. */
  all(): ImpossibleTest[] {
    return [...this.sites.values()].filter((t) => !t.passable && t.test).map((t) => t.test!);
  }
}
