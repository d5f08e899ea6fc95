// Core allocation (kernel/irq/msi.c): descriptor insert, range and count allocation with
// simple descriptors, and msi_domain_alloc_irq_at with MSI_ANY_INDEX.
import { checkBounds, spanOf, target, type Span, type Target } from './addressing';
import { lowestFree } from './blocks';
import { domainFlags } from './domain-kinds';
import { exact, show } from './interval';
import { associate, insertSpan, type NewDescs } from './insert';
import { begin, cited, fail, note } from './outcome';
import { device, perDomainStores, singleStore } from './state';
import type { Block, Interval, Outcome, StoreOp, StoreState } from './types';
import { MSI_MAX_INDEX } from './types';

type Op<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;

/** msi_insert_msi_desc / msi_domain_insert_msi_desc (6.12), msi_add_msi_desc (6.1). */
export function insertDesc(state: StoreState, op: Op<'insert'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  const t = target(state, dev, op.domain, out, 'none');
  if (!t) return out;
  const span: Span = { first: op.index.min, lastDef: op.index.max === op.index.min ? op.index.min : op.index.min - 1, lastMax: op.index.max ?? MSI_MAX_INDEX };
  if (!checkBounds(state, dev, t, span, out, { errno: '-ERANGE', warn: false, behaviour: 'insert' })) return out;
  cited(out, state, 'insert');
  insertSpan(state, t, span, { site: op.site, label: `descriptor ${show(op.index)}`, associated: false }, 'new', out);
  note(out, `descriptor at ${show(op.index)} in domain ${t.domain}`);
  return out;
}

/** msi_domain_alloc_irqs_range(dev, domid, first, last) with simple descriptors. */
export function allocRange(state: StoreState, op: Op<'alloc-range'>): Outcome {
  const out = begin(op.op);
  return allocSpan(state, op, op.first, op.last, out, `msi_domain_alloc_irqs_range ${show(op.first)}..${show(op.last)}`);
}

/** 6.12 msi_domain_alloc_irqs(dev, domid, n) = range 0..n-1; 6.1 msi_domain_alloc_irqs(domain, dev, nvec). */
export function allocCount(state: StoreState, op: Op<'alloc-count'>): Outcome {
  const out = begin(op.op);
  const c = op.count;
  if (c.max !== null && c.max <= 0) {
    if (!perDomainStores(state)) return cited(noopOk(out, `nvec ${show(c)}: nothing to insert`), state, 'allocLocked');
    const why = c.max === 0 ? 'nirqs == 0 gives last = UINT_MAX' : `nirqs ${show(c)} gives last = (unsigned)(nirqs - 1)`;
    fail(out, { errno: '-EINVAL', certainty: 'definite', kind: 'count-not-positive', detail: why, warn: true });
    return cited(out, state, 'ctrlValid');
  }
  const last: Interval = { min: Math.max(c.min, 1) - 1, max: c.max === null ? null : c.max - 1 };
  return allocSpan(state, op, exact(0), last, out, `${show(c)} simple descriptors from 0`);
}

function noopOk(out: Outcome, text: string): Outcome {
  out.status = 'no-op';
  out.note = text;
  return out;
}

function allocSpan(state: StoreState, op: Op<'alloc-range'> | Op<'alloc-count'>, first: Interval, last: Interval, out: Outcome, label: string): Outcome {
  const dev = device(state, op.device);
  const modern = perDomainStores(state);
  if (modern && last.max !== null && first.min > last.max) {
    fail(out, { errno: '-EINVAL', certainty: 'definite', kind: 'first-after-last', detail: `first ${show(first)} > last ${show(last)}`, warn: true });
    return cited(out, state, 'ctrlValid');
  }
  const t = target(state, dev, op.domain, out, modern ? 'warn-einval' : 'none');
  if (!t) return out;
  const span = spanOf(first, last, t.slot.hwsize ?? MSI_MAX_INDEX + 1);
  if (!checkBounds(state, dev, t, span, out, { errno: '-EINVAL', warn: true, behaviour: 'ctrlValid' })) return out;
  cited(out, state, 'allocLocked');
  if (modern && !domainFlags(t.slot.kind).simpleDescs) return withoutSimpleDescs(t, span, out);
  const ok = insertSpan(state, t, span, { site: op.site, label, associated: true }, modern ? 'range' : 'unassociated', out);
  if (!ok) return out;
  associate(t, modern ? span : null);
  out.returns = exact(0);
  note(out, `indices ${span.first}..${span.lastMax} in domain ${t.domain}`);
  return out;
}

/**
 * A domain without MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS (PCI/MSI, PCI/MSI-X): nothing is inserted,
 * associated descriptors in the range are skipped and the call returns 0. PCI descriptors are
 * always associated once their enable succeeded, so the model has none to allocate here.
 */
function withoutSimpleDescs(t: Target, span: Span, out: Outcome): Outcome {
  out.returns = exact(0);
  out.status = 'no-op';
  note(
    out,
    `domain ${t.domain} (${t.slot.kind}) has no simple descriptors: ${span.first}..${span.lastMax} inserts nothing, returns 0 (${domainFlags(t.slot.kind).source})`,
  );
  return out;
}

/** msi_domain_alloc_irq_at(dev, domid, index | MSI_ANY_INDEX, ...): map.index or -errno. */
export function allocAt(state: StoreState, op: Op<'alloc-at'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  const t = target(state, dev, op.domain, out, singleStore(state) ? 'none' : 'enodev');
  if (!t) return out;
  cited(out, state, 'allocAt');
  return allocAtIndex(state, dev.key, t, op.index, out, { site: op.site, label: 'msi_domain_alloc_irq_at', associated: true });
}

/** The insert of one descriptor at an index or MSI_ANY_INDEX, failing without collateral. */
export function allocAtIndex(state: StoreState, deviceKey: string, t: Target, index: Interval | 'any', out: Outcome, descs: NewDescs): Outcome {
  const dev = device(state, deviceKey);
  if (index === 'any') return allocAny(state, t, out, descs);
  const span: Span = { first: index.min, lastDef: index.max === index.min ? index.min : index.min - 1, lastMax: index.max ?? MSI_MAX_INDEX };
  if (!checkBounds(state, dev, t, span, out, { errno: '-ERANGE', warn: false, behaviour: 'insert' })) return out;
  const ok = insertSpan(state, t, span, descs, 'new', out);
  if (ok) out.returns = index;
  note(out, `index ${show(index)} in domain ${t.domain}`);
  return out;
}

/** xa_alloc within [0, hwsize-1]: the lowest free index, -EBUSY when none is free. */
function allocAny(state: StoreState, t: Target, out: Outcome, descs: NewDescs): Outcome {
  const s = t.slot;
  const known = s.hwsize !== null;
  const cap = Math.min(s.hwsize ?? MSI_MAX_INDEX + 1, t.window);
  const free = lowestFree(s.blocks, cap);
  cited(out, state, 'insert');
  // Beyond the known lower bound of a run-time hwsize the slot may not exist (domain possibly full).
  const maybeFull = !known && (!free || free.index >= s.hwsizeMin) && s.kind !== 'pci-msix';
  if (!free || maybeFull) {
    const certainty = !free && known && !s.blocks.some((b) => b.certainty === 'possible') ? 'definite' : 'possible';
    out.collisions.push(...s.blocks.map((b) => ({ domain: t.domain, first: b.first, last: b.last, certainty: b.certainty, owner: b.site })));
    fail(out, {
      errno: '-EBUSY',
      certainty,
      kind: 'domain-full',
      detail: `MSI_ANY_INDEX: domain ${t.domain} is ${certainty === 'definite' ? '' : 'possibly '}full (hwsize ${s.hwsize ?? `at least ${s.hwsizeMin}`}); xa_alloc returns -EBUSY`,
      assumptions: certainty === 'possible' ? [`hwsize of domain ${t.domain} (${s.hwsizeSource})`] : [],
    });
    if (certainty === 'definite' || !free) return out;
  }
  const index = free.index;
  const span: Span = { first: index, lastDef: free.contested ? index - 1 : index, lastMax: index };
  s.blocks.push(...blocksFor(span, descs));
  out.returns = free.contested ? { min: index, max: null } : exact(index);
  note(out, `MSI_ANY_INDEX takes ${free.contested ? `${index} or later` : index} in domain ${t.domain}`);
  return out;
}

function blocksFor(span: Span, d: NewDescs): Block[] {
  const certainty = span.lastDef >= span.first ? 'definite' : 'possible';
  return [{ first: span.first, last: span.lastMax, certainty, site: d.site, label: d.label, associated: d.associated, ...(d.mode ? { mode: d.mode } : {}) }];
}
