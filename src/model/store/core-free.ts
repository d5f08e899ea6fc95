// Core freeing (kernel/irq/msi.c): IRQ+descriptor frees by range or whole domain, and
// descriptor-only frees (msi_free_msi_descs*), with 6.12's msi_ctrl_valid gate.
import { checkBounds, spanOf, target, type Span, type Target } from './addressing';
import { anyDefinite, collisions, erase } from './blocks';
import { exact, show, showSpan } from './interval';
import { begin, cited, fail, noop, note, problem } from './outcome';
import { device, perDomainStores } from './state';
import type { DeviceStoreState, Interval, Outcome, StoreOp, StoreState } from './types';
import { MSI_MAX_INDEX } from './types';

type Op<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;

/** msi_domain_free_irqs_range(dev, domid, first, last): unallocated indices are skipped silently. */
export function freeRange(state: StoreState, op: Op<'free-range'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  const t = gate(state, dev, op.domain, op.first, op.last, out);
  if (!t) return out;
  cited(out, state, 'freeLocked');
  const span = spanOf(op.first, op.last, t.slot.hwsize ?? MSI_MAX_INDEX + 1);
  const held = collisions(t.slot.blocks, t.domain, span.first, span.lastMax, span.lastDef);
  if (!held.length || !anyDefinite(held)) {
    const certainty = held.length ? 'possible' : 'definite';
    problem(
      out,
      'nothing-to-free',
      certainty,
      `nothing is allocated at ${showSpan(span.first, span.lastMax)} of domain ${t.domain}; the free is a silent no-op`,
      certainty === 'possible' ? ['the allocation count (run-time)'] : [],
    );
    if (certainty === 'definite') return noop(out, 'no descriptor in range');
  }
  removeSpan(t, span, out, 'freed');
  return out;
}

/** msi_domain_free_irqs_all(dev, domid) (6.12: one domain) / 6.1 msi_domain_free_irqs (whole device). */
export function freeAll(state: StoreState, op: Op<'free-all'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  const t = target(state, dev, op.domain, out, perDomainStores(state) ? 'warn-noop' : 'none');
  if (!t) {
    markNoop(out);
    return out;
  }
  cited(out, state, 'freeLocked');
  return clearDomain(t, out);
}

/** Erase every descriptor of one domain (all of the store in single-store layouts). */
export function clearDomain(t: Target, out: Outcome): Outcome {
  if (!t.slot.blocks.length) return noop(out, `domain ${t.domain} holds nothing`);
  const last = Math.max(...t.slot.blocks.map((b) => b.last));
  removeSpan(t, { first: 0, lastDef: last, lastMax: last }, out, 'freed');
  return out;
}

/** msi_free_msi_descs(_range) / msi_domain_free_msi_descs_range: descriptors only, IRQs untouched. */
export function freeDescs(state: StoreState, op: Op<'free-descs'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  const first = op.first ?? exact(0);
  const last = op.last ?? exact(MSI_MAX_INDEX);
  if (!op.first && !op.last) cited(out, state, 'freeAllDescs');
  const t = gate(state, dev, op.domain, first, last, out);
  if (!t) return out;
  cited(out, state, 'freeDescs');
  const span = spanOf(first, last, MSI_MAX_INDEX + 1);
  removeSpan(t, span, out, 'descs');
  const leaked = out.erased.filter((e) => e.irqsLeaked);
  if (leaked.length && perDomainStores(state)) {
    out.warn = true;
    note(out, '6.12 WARNs and leaks descriptors that still have IRQs');
  } else if (leaked.length) note(out, '6.1 frees descriptors that still have IRQs');
  if (!out.erased.length) noop(out, 'no descriptor in range');
  return out;
}

/** 6.12 msi_ctrl_valid: a failed check WARNs and the free does nothing. 6.1 has no gate. */
function gate(state: StoreState, dev: DeviceStoreState, domain: Interval | undefined, first: Interval, last: Interval, out: Outcome): Target | null {
  const t = gateCheck(state, dev, domain, first, last, out);
  if (!t) markNoop(out);
  return t;
}

function gateCheck(state: StoreState, dev: DeviceStoreState, domain: Interval | undefined, first: Interval, last: Interval, out: Outcome): Target | null {
  const modern = perDomainStores(state);
  if (modern && last.max !== null && first.min > last.max) {
    fail(out, {
      errno: null,
      certainty: 'definite',
      kind: 'first-after-last',
      detail: `first ${show(first)} > last ${show(last)}: nothing is freed`,
      warn: true,
    });
    cited(out, state, 'ctrlValid');
    return null;
  }
  const t = target(state, dev, domain, out, modern ? 'warn-noop' : 'none');
  if (!t || out.status === 'error') return null;
  const span = spanOf(first, last, MSI_MAX_INDEX + 1);
  if (!checkBounds(state, dev, t, span, out, { errno: null, warn: true, behaviour: 'ctrlValid' })) {
    note(out, 'nothing is freed');
    return null;
  }
  return t;
}

/** A gated call that failed does nothing: the kernel returns void, so the status is no-op + problem. */
function markNoop(out: Outcome): void {
  out.status = 'no-op';
  out.errno = null;
}

function removeSpan(t: Target, span: Span, out: Outcome, what: 'freed' | 'descs'): void {
  const before = t.slot.blocks;
  const certainty = span.lastDef >= span.lastMax ? 'definite' : 'possible';
  const { blocks, erased } = erase(before, t.domain, span.first, span.lastMax, certainty);
  for (const e of erased) {
    const owner = before.find((b) => b.first <= e.first && e.last <= b.last && b.site === e.owner);
    e.irqsLeaked = what === 'descs' && owner !== undefined && owner.associated;
  }
  t.slot.blocks = blocks;
  out.erased.push(...erased);
  note(out, `${what === 'freed' ? 'freed' : 'erased descriptors'} ${showSpan(span.first, span.lastMax)} of domain ${t.domain}`);
}
