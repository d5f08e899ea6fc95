// What an MSI call's arguments read on one path, taken before its result is stored (C evaluates
// the arguments first: `n = pci_enable_msix_range(pdev, e, 1, n)` asks for the old n): counts the
// path pins down, a NULL device, the whole MSI-X table, the location a request came from.
import type { Expr, MsiFact, Value } from '../../facts/types';
import { apiOp } from './api-ops';
import { catalogueRow } from '../../facts/catalogue';
import { pciIrqFlagNames } from '../../facts/pci-irq-flags';
import { type Evaluator, locOf } from './evaluate';
import type { PathState } from './replay-state';
import { BIG, isRes, type Val } from './values';
import type { Frame, Of } from './walk-interface';

const limit = 0x7fffffff;
const valueFields = ['min', 'max', 'count', 'index', 'first', 'last', 'hwsize', 'domain'] as const;

export interface FactArguments {
  /** The fact with its run-time counts as this path knows them (`int min = 17;` makes min_vecs 17). */
  fact: MsiFact;
  /**
   * The device is a NULL the driver stored or passed on this path (niu's OF probe hands
   * `pdev = NULL` down to PCI-only set-up): the kernel would oops in the call, so a driver that
   * works never takes this path. Only an explicit binding counts, not zeroed memory.
   */
  nullDevice: boolean;
  /** min_vecs and max_vecs both the table size: the whole MSI-X table, every fixed vector in it. */
  wholeTable: boolean;
  /** Where max_vecs came from (a location until written again, `=N` for a constant), when it differs from min_vecs. */
  request?: string;
  /** min_vecs and max_vecs the same unknown location (see Res.exactOf). */
  exactOf?: string;
  /** min_vecs an unknown location (see Res.atLeastOf). */
  atLeastOf?: string;
}

/** The argument expression an extracted value was read from. */
function argOf(fact: MsiFact, st: Of<'fact'>, v: Value | undefined): Expr | undefined {
  const i = v ? fact.args.indexOf(v.text) : -1;
  return i >= 0 ? st.argExprs[i] : undefined;
}

export function readArguments(found: MsiFact, st: Of<'fact'>, s: PathState, frame: Frame, ev: Evaluator): FactArguments {
  const out: FactArguments = {
    fact: withPathFlags(withPathValues(found, st, ev), st, ev),
    nullDevice: nullDevice(found, st, s, frame),
    wholeTable: wholeTable(found, st, ev),
  };
  const max = argOf(found, st, found.max);
  if (found.max && found.min?.text.trim() !== found.max.text.trim()) {
    const k = max?.t === 'int' ? `=${max.value}` : max ? locOf(max, frame) : undefined;
    if (k !== undefined) out.request = k;
  }
  if (apiOp(found.api).returns === 'count' && found.min && out.fact.min?.value === undefined) {
    const min = argOf(found, st, found.min);
    const key = min ? locOf(min, frame) : undefined;
    if (key !== undefined && max && locOf(max, frame) === key) out.exactOf = key;
    else if (key !== undefined) out.atLeastOf = key;
  }
  return out;
}

/**
 * A flags argument held in a local the path set (`flags = PCI_IRQ_INTX;` on one branch,
 * `PCI_IRQ_ALL_TYPES` on the other): the flags of this path, not the union of every branch's.
 */
function withPathFlags(fact: MsiFact, st: Of<'fact'>, ev: Evaluator): MsiFact {
  const at =
    catalogueRow(fact.api)
      ?.signatures.find((sig) => sig.args.length === fact.args.length)
      ?.args.indexOf('flags') ?? -1;
  const e = at >= 0 ? st.argExprs[at] : undefined;
  if (!e || e.t === 'int') return fact;
  const n = ev.num(ev.value(e));
  if (n.lo !== n.hi || n.lo <= 0) return fact;
  const intx = fact.flags?.includes('PCI_IRQ_LEGACY') ? 'PCI_IRQ_LEGACY' : 'PCI_IRQ_INTX';
  const { flagsPartial: _, ...rest } = fact;
  return { ...rest, flags: pciIrqFlagNames(n.lo, intx) };
}

function withPathValues(fact: MsiFact, st: Of<'fact'>, ev: Evaluator): MsiFact {
  let out = fact;
  for (const f of valueFields) {
    const v: Value | undefined = fact[f];
    if (!v || v.value !== undefined || v.loopBound || v.anyIndex) continue;
    const e = argOf(fact, st, v);
    if (!e) continue;
    const n = ev.num(ev.value(e));
    // Only what the path pins down: a constant, or a small interval (not a count's 1..max).
    if (n.lo !== n.hi && (n.lo < -limit || n.hi > limit)) continue;
    const known: Value =
      n.lo === n.hi ? { ...v, value: n.lo } : { ...v, min: Math.max(n.lo, v.min ?? -BIG), ...(n.hi < BIG ? { max: Math.min(n.hi, v.max ?? BIG) } : {}) };
    out = { ...out, [f]: known };
  }
  return out;
}

function nullDevice(fact: MsiFact, st: Of<'fact'>, s: PathState, frame: Frame): boolean {
  const e = fact.device ? st.argExprs[fact.args.indexOf(fact.device.text)] : undefined;
  const key = e && (e.t === 'var' || e.t === 'field') ? locOf(e, frame) : undefined;
  const v = key === undefined ? undefined : s.env.get(key);
  return v !== undefined && !isRes(v) && v.lo === 0 && v.hi === 0;
}

function wholeTable(fact: MsiFact, st: Of<'fact'>, ev: Evaluator): boolean {
  const isTable = (v: Value | undefined): boolean => {
    const e = argOf(fact, st, v);
    const n: Val | undefined = e ? ev.value(e) : undefined;
    return n !== undefined && !isRes(n) && n.table === true;
  };
  return isTable(fact.min) && isTable(fact.max);
}
