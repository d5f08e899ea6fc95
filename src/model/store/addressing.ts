// Which store a call addresses and whether its indices fit: the shared validation of 6.12
// msi_ctrl_valid / msi_insert_desc and the §1.8 partitioned checks, in their order.
import { collisions } from './blocks';
import { showSpan } from './interval';
import { fail, cited } from './outcome';
import { baseOf, partitionOf, singleStore, slot } from './state';
import type { Collision, DeviceStoreState, DomainSlotState, Interval, Outcome, StoreState } from './types';
import { MSI_MAX_INDEX } from './types';

export interface Target {
  domain: number;
  slot: DomainSlotState;
  /** Window size in the partitioned layout; 65536 otherwise. */
  window: number;
}

/** How a call reacts to an empty domain slot. */
export type DomainNeed = 'none' | 'warn-einval' | 'enodev' | 'warn-noop';

/** A request for indices first..lastMax, of which first..lastDef are surely asked for. */
export interface Span {
  first: number;
  lastDef: number;
  lastMax: number;
}

export function spanOf(first: Interval, last: Interval, cap: number): Span {
  const lastMax = last.max === null ? Math.max(last.min, cap - 1) : last.max;
  return { first: first.min, lastDef: last.min, lastMax };
}

/** Resolve the domain id; records domain-id-invalid / domain-missing and returns null on a definite failure. */
export function target(state: StoreState, dev: DeviceStoreState, domainArg: Interval | undefined, out: Outcome, need: DomainNeed): Target | null {
  const d = domainArg?.min ?? 0;
  if (singleStore(state)) return { domain: 0, slot: slot(state, dev, 0), window: MSI_MAX_INDEX + 1 };
  const layout = state.config.layout;
  const part = layout === 'partitioned' ? partitionOf(state, d) : undefined;
  const invalid = layout === 'partitioned' ? part === undefined : d >= state.config.maxDeviceIrqDomains;
  if (invalid) {
    const max = layout === 'partitioned' ? `no window for domain ${d}` : `MSI_MAX_DEVICE_IRQDOMAINS is ${state.config.maxDeviceIrqDomains}`;
    const errno = need === 'enodev' ? '-ENODEV' : need === 'none' || need === 'warn-noop' ? null : '-EINVAL';
    fail(out, { errno, certainty: 'definite', kind: 'domain-id-invalid', detail: `domain id ${d} is invalid: ${max}`, warn: true });
    cited(out, state, layout === 'partitioned' ? 'partition' : 'ctrlValid');
    return null;
  }
  const s = slot(state, dev, d);
  const window = part ? part.last - part.first + 1 : MSI_MAX_INDEX + 1;
  if (need !== 'none' && s.exists !== 'yes') {
    const certainty = s.exists === 'no' ? 'definite' : 'possible';
    const errno = need === 'enodev' ? '-ENODEV' : need === 'warn-noop' ? null : '-EINVAL';
    fail(out, {
      errno,
      certainty,
      kind: 'no-domain',
      detail: `no irq domain in slot ${d} of this device`,
      warn: need !== 'enodev',
      assumptions: certainty === 'possible' ? ['the domain is created on only some paths'] : [],
    });
    cited(out, state, need === 'enodev' ? 'allocAt' : 'ctrlValid');
    if (certainty === 'definite') return null;
  }
  return { domain: d, slot: s, window };
}

/**
 * Index bounds of a request in its target: partition-crossing (partitioned), then
 * index-out-of-range (>= hwsize). Returns false when the request surely fails.
 */
export function checkBounds(
  state: StoreState,
  dev: DeviceStoreState,
  t: Target,
  span: Span,
  out: Outcome,
  effect: { errno: Outcome['errno']; warn: boolean; behaviour: 'ctrlValid' | 'insert' },
): boolean {
  if (singleStore(state)) return true;
  if (state.config.layout === 'partitioned' && span.lastMax >= t.window) {
    const certainty = span.lastDef >= t.window || span.first >= t.window ? 'definite' : 'possible';
    const hit = neighbourCollisions(state, dev, t, Math.max(span.first, t.window), span.lastMax, span.lastDef);
    out.collisions.push(...hit);
    const base = baseOf(state, t.domain);
    const glob = `global ${hex(base + Math.max(span.first, t.window))}..${hex(base + span.lastMax)}`;
    const named = hit.length ? `; it would hit occupied ${hit.map((c) => `${showSpan(c.first, c.last)} of domain ${c.domain}`).join(', ')}` : '';
    fail(out, {
      errno: effect.errno,
      certainty,
      kind: 'beyond-partition-window',
      detail: `indices ${glob} leave the window of domain ${t.domain}${named}`,
      warn: effect.warn,
    });
    cited(out, state, 'partition');
    if (certainty === 'definite') return false;
  }
  const s = t.slot;
  const limit = s.hwsize ?? s.hwsizeMin;
  // Indices past the window were reported as crossing above; hwsize concerns those inside it.
  const inside =
    state.config.layout === 'partitioned' ? { ...span, lastMax: Math.min(span.lastMax, t.window - 1), lastDef: Math.min(span.lastDef, t.window - 1) } : span;
  if (inside.lastMax < limit) return true;
  // Unknown table size (§5 scenario 7), or 7.x MSI vector count: the driver cannot know it either; no finding.
  if (s.hwsize === null && (s.kind === 'pci-msix' || s.kind === 'pci-msi')) return true;
  const definite = s.hwsize !== null && (inside.lastDef >= limit || inside.first >= limit);
  const lo = Math.max(inside.first, limit);
  fail(out, {
    errno: effect.errno,
    certainty: definite ? 'definite' : 'possible',
    kind: 'index-beyond-hwsize',
    detail: `index ${showSpan(lo, inside.lastMax)} >= hwsize ${s.hwsize ?? `(run time, at least ${s.hwsizeMin})`} of domain ${t.domain} (${s.hwsizeSource})`,
    warn: effect.warn,
    assumptions: definite ? [] : [s.hwsize === null ? `hwsize of domain ${t.domain} (${s.hwsizeSource})` : 'the requested count'],
  });
  cited(out, state, effect.behaviour);
  return !definite;
}

/** Occupied indices of other windows that global indices base+first..base+last fall into. */
function neighbourCollisions(state: StoreState, dev: DeviceStoreState, t: Target, first: number, last: number, lastDef: number): Collision[] {
  const base = baseOf(state, t.domain);
  const out: Collision[] = [];
  for (const p of state.config.partitions) {
    if (p.domain === t.domain) continue;
    const lo = Math.max(base + first, p.first);
    const hi = Math.min(base + last, p.last);
    if (lo > hi) continue;
    const other = dev.domains.find((d) => d.domain === p.domain);
    if (other) out.push(...collisions(other.blocks, p.domain, lo - p.first, hi - p.first, base + lastDef - p.first));
  }
  return out;
}

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
