// Putting descriptors into one store: conflict detection (-EBUSY), the era's failure cleanup
// (§2.6) and the new blocks, definite for the surely requested part, possible for the rest.
import type { SourceSite } from '../../vocabulary/source-site';
import type { Span, Target } from './addressing';
import { anyDefinite, coalesce, collisions, erase } from './blocks';
import { showSpan } from './interval';
import { cited, fail, note } from './outcome';
import type { Block, Certainty, Interval, Outcome, StoreState } from './types';

export interface NewDescs {
  site: SourceSite;
  label: string;
  /** IRQs allocated for them (desc->irq != 0) when the call succeeds. */
  associated: boolean;
  mode?: 'msi' | 'msix';
  nvecUsed?: Interval;
}

/**
 * What a failed insert leaves: 'range' = 6.12 msi_domain_add_simple_msi_descs erases the whole
 * requested range; 'unassociated' = 6.1 msi_add_simple_msi_descs frees only unassociated ones;
 * 'new' = only the new descriptors go (msi_insert_desc, msi_domain_alloc_irq_at, PCI setup).
 */
export type Cleanup = 'range' | 'unassociated' | 'new';

/** Insert span into t; returns the certainty of success (null when it surely failed). */
export function insertSpan(
  state: StoreState,
  t: Target,
  span: Span,
  descs: NewDescs,
  cleanup: Cleanup,
  out: Outcome,
  ignorePciModes = false,
): Certainty | null {
  const s = t.slot;
  const multiset = state.config.layout === 'list';
  // PCI enables check their own mode first (already enabled / exclusive); only other flows collide.
  const rivals = ignorePciModes ? s.blocks.filter((b) => b.mode === undefined) : s.blocks;
  const hit = multiset ? [] : collisions(rivals, t.domain, span.first, span.lastMax, span.lastDef);
  const definite = anyDefinite(hit);
  if (hit.length) {
    out.collisions.push(...hit);
    const where = hit.map((c) => showSpan(c.first, c.last)).join(', ');
    fail(out, {
      errno: '-EBUSY',
      certainty: definite ? 'definite' : 'possible',
      kind: 'slot-occupied',
      detail: `index ${where} of domain ${t.domain} already holds a descriptor`,
      assumptions: definite ? [] : ['the earlier or the new allocation count (run-time)'],
    });
    cited(out, state, cleanup === 'new' ? 'insert' : 'simpleDescs');
    if (cleanup !== 'new') applyCleanup(state, t, span, cleanup, definite ? 'definite' : 'possible', out);
    if (definite) return null;
  }
  if (multiset) cited(out, state, 'listAppend');
  add(s.blocks, span, descs, hit.length ? 'possible' : 'definite');
  s.blocks = coalesce(s.blocks);
  return hit.length ? 'possible' : 'definite';
}

function applyCleanup(state: StoreState, t: Target, span: Span, cleanup: Cleanup, certainty: Certainty, out: Outcome): void {
  const s = t.slot;
  if (cleanup === 'range') {
    const { blocks, erased } = erase(s.blocks, t.domain, span.first, span.lastMax, certainty);
    for (const e of erased) e.irqsLeaked = s.blocks.some((b) => b.associated && b.first <= e.first && e.last <= b.last);
    s.blocks = blocks;
    out.erased.push(...erased);
    if (erased.some((e) => e.irqsLeaked)) {
      out.warn = certainty === 'definite' ? true : out.warn === true ? true : 'possible';
      cited(out, state, 'freeDescs');
    }
    if (erased.length) note(out, `collateral: 6.12 erases every descriptor in ${showSpan(span.first, span.lastMax)}, including earlier ones`);
    return;
  }
  // 6.1: only unassociated descriptors in the range are freed; associated ones survive.
  const unassoc = s.blocks.filter((b) => !b.associated);
  const keep = s.blocks.filter((b) => b.associated);
  const r = erase(unassoc, t.domain, span.first, span.lastMax, certainty);
  s.blocks = coalesce([...keep, ...r.blocks]);
  out.erased.push(...r.erased);
  if (r.erased.length) note(out, '6.1 cleanup frees the unassociated descriptors of the range only');
}

function add(blocks: Block[], span: Span, d: NewDescs, ceiling: Certainty): void {
  const base = { site: d.site, label: d.label, associated: d.associated, ...(d.mode ? { mode: d.mode } : {}), ...(d.nvecUsed ? { nvecUsed: d.nvecUsed } : {}) };
  if (span.lastDef >= span.first) blocks.push({ ...base, first: span.first, last: span.lastDef, certainty: ceiling });
  const from = Math.max(span.first, span.lastDef + 1);
  if (span.lastMax >= from) blocks.push({ ...base, first: from, last: span.lastMax, certainty: 'possible' });
}

/** 6.1 __msi_domain_alloc_irqs associates every unassociated descriptor; 6.12 only those in range. */
export function associate(t: Target, span: Span | null): void {
  for (const b of t.slot.blocks) {
    if (span === null || (b.first >= span.first && b.last <= span.lastMax)) b.associated = true;
  }
  t.slot.blocks = coalesce(t.slot.blocks);
}
