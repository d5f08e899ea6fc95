// The kernel's bit operations on a flag word (set_bit(), clear_bit(), test_bit() and the
// test-and-set/clear forms), as the replay reads them: the word and the mask of the bit.
import type { Expr } from '../../facts/types';
import { isBitOpName } from '../../facts/expr';

/**
 * A bit operation whose value is the bit's old state: test_bit(), and test_and_clear_bit() /
 * test_and_set_bit() (ena_disable_msix: `if (test_and_clear_bit(ENA_FLAG_MSIX_ENABLED, ...))`).
 * The walk reads the test and leaves the word as it was: the skeleton runs a condition's calls
 * before the condition, so applying the clear there would answer the test with the new value.
 */
export function isBitTest(name: string): boolean {
  return name.endsWith('test_bit') || name.startsWith('test_and_') || name.startsWith('__test_and_');
}

/** `set_bit(nr, &w)`, `test_bit(nr, &w)`: the word `w` and the bit's mask, when nr is constant. */
export function bitArgs(e: Extract<Expr, { t: 'call' }>): { word: Expr; mask: number } | undefined {
  if (!isBitOpName(e.name) || e.args.length !== 2) return undefined;
  const [nr, addr] = e.args;
  if (nr?.t !== 'int' || nr.value < 0 || nr.value > 30 || addr?.t !== 'addr') return undefined;
  return { word: addr.a, mask: 1 << nr.value };
}
