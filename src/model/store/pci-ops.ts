// PCI front-end operations: pci_alloc_irq_vectors and its fallback order, the MSI/MSI-X
// enables, disables and frees, dynamic MSI-X, pci_irq_vector and pcim_enable_device.
import { alreadyTaken } from './problem-kind';
import type { Problem } from './types';
import { clearDomain } from './core-free';
import { lookupIndex } from './core-domain';
import { allocAtIndex } from './core-alloc';
import { exact, show } from './interval';
import { begin, cited, fail, noop, note, problem } from './outcome';
import { enableMsi, enableMsix, type EnableRequest } from './pci-enable';
import { device, perDomainCore, singleStore, slot } from './state';
import type { DeviceStoreState, DomainSlotState, Errno, Interval, Outcome, StoreOp, StoreState } from './types';
import { MSI_MAX_INDEX } from './types';

type Op<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;

/** pcim_enable_device: later allocations install pcim_msi_release. */
export function managed(state: StoreState, op: Op<'pci-managed'>): Outcome {
  const dev = device(state, op.device);
  dev.managed = 'yes';
  const out = cited(begin(op.op), state, 'pcimRelease');
  note(out, 'managed: vectors allocated from now on are freed at detach');
  return out;
}

export function enableMsiOp(state: StoreState, op: Op<'pci-enable-msi'>): Outcome {
  return enableMsi(state, request(op, null, false, 'pci_enable_msi'), begin(op.op));
}

export function enableMsixOp(state: StoreState, op: Op<'pci-enable-msix'>): Outcome {
  return enableMsix(state, request(op, op.entries, false, 'pci_enable_msix_range'), begin(op.op));
}

function request(op: Op<'pci-enable-msi' | 'pci-enable-msix' | 'pci-alloc-vectors'>, entries: number[] | null, virtual: boolean, label: string): EnableRequest {
  return { device: op.device, site: op.site, min: op.min, max: op.max, entries, virtual, label };
}

/**
 * pci_alloc_irq_vectors: MSI-X, then MSI, then INTx (min == 1 and dev->irq); the first attempt
 * returning > 0 wins, otherwise the last errno. Each attempt runs on a copy of the state.
 */
export function allocVectors(state: StoreState, op: Op<'pci-alloc-vectors'>): Outcome {
  const flags = new Set(op.flags);
  const virtual = flags.has('PCI_IRQ_VIRTUAL');
  const attempts: Outcome[] = [];
  let errno: Errno = '-ENOSPC';
  const tries: ['msix' | 'msi', boolean][] = [
    ['msix', flags.has('PCI_IRQ_MSIX')],
    ['msi', flags.has('PCI_IRQ_MSI')],
  ];
  for (const [mode, wanted] of tries) {
    if (!wanted) continue;
    const trial = forkDevice(state, op.device);
    const req = request(op, null, virtual, `pci_alloc_irq_vectors(${show(op.min)}, ${show(op.max)}, ${op.flags.join('|')})`);
    const out = mode === 'msix' ? enableMsix(trial, req, begin(op.op)) : enableMsi(trial, req, begin(op.op));
    attempts.push(out);
    if (out.status !== 'error') {
      state.devices[op.device] = trial.devices[op.device]!;
      return finish(state, out, attempts, op);
    }
    errno = out.errno ?? errno;
  }
  const dev = device(state, op.device);
  const intx = flags.has('PCI_IRQ_INTX') || flags.has('PCI_IRQ_LEGACY');
  const out = begin(op.op);
  cited(out, state, 'allocVectors');
  if (intx && op.min.min <= 1 && (op.min.max ?? 2) >= 1 && dev.caps.hasIntx !== false) {
    out.returns = exact(1);
    if (dev.pciModes.every((m) => m === 'none' || m === 'intx')) dev.pciModes = ['intx'];
    note(out, 'INTx fallback: returns 1 (pci_intx(dev, 1)); MSI and MSI-X state unchanged');
    return finish(state, out, attempts, op);
  }
  out.status = 'error';
  out.errno = errno;
  note(out, `every attempted mode failed; returns the last errno ${errno}`);
  return finish(state, out, attempts, op);
}

/** A trial copy sharing every other device: an enable touches only its own device. */
function forkDevice(state: StoreState, key: string): StoreState {
  const dev = structuredClone(device(state, key));
  return { config: state.config, devices: { ...state.devices, [key]: dev } };
}

/** Carry over the problems of failed attempts, minus the §6 exception (ALL_TYPES fallback). */
function finish(state: StoreState, out: Outcome, attempts: Outcome[], op: Op<'pci-alloc-vectors'>): Outcome {
  cited(out, state, 'allocVectors');
  const msixBusy = attempts.some((a) => a !== out && a.problems.some((p) => alreadyTaken.has(p.kind)));
  const seen = new Set<string>(out.problems.map(key));
  for (const a of attempts) {
    if (a === out) continue;
    for (const p of a.problems) {
      if (msixBusy && p.kind === 'other-mode-enabled') continue;
      if (seen.has(key(p))) continue;
      seen.add(key(p));
      out.problems.push(p);
      if (p.kind === 'other-mode-enabled' && a.enabledBy) out.enabledBy = [...(out.enabledBy ?? []), ...a.enabledBy];
    }
    out.collisions.push(...a.collisions);
    if (a.warn === true) out.warn = true;
    for (const c of a.citations) if (!out.citations.includes(c)) out.citations.push(c);
  }
  if (op.max.min > 0x7fffffff) note(out, 'max_vecs > INT_MAX becomes negative in the int parameters');
  return out;
}

const key = (p: Problem): string => `${p.kind}|${p.detail}`;

/** pci_disable_msi / pci_disable_msix / pci_free_irq_vectors (msix then msi; idempotent). */
export function disable(state: StoreState, op: Op<'pci-disable'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  const modes: ('msix' | 'msi')[] = op.mode === 'all' ? ['msix', 'msi'] : [op.mode];
  cited(out, state, op.mode === 'msi' ? 'disableMsi' : op.mode === 'msix' ? 'disableMsix' : 'freeVectors');
  let freed = false;
  for (const mode of modes) {
    if (!dev.pciModes.includes(mode)) continue;
    freed = true;
    teardown(state, dev, mode, out);
  }
  if (!freed) {
    if (op.mode !== 'all') {
      const other = op.mode === 'msi' ? 'msix' : 'msi';
      const left = dev.pciModes.includes(other) ? `; ${other === 'msix' ? 'MSI-X' : 'MSI'} stays enabled and its vectors allocated` : '';
      problem(out, 'mode-not-enabled', 'definite', `${op.mode === 'msi' ? 'MSI' : 'MSI-X'} is not enabled: the disable is a no-op${left}`);
    }
    return noop(out, 'nothing enabled in that mode');
  }
  return out;
}

/** Free every vector of the mode: 6.12 all of domain 0, 6.1 the whole device store. */
function teardown(state: StoreState, dev: DeviceStoreState, mode: 'msi' | 'msix', out: Outcome): void {
  const sure = dev.pciModes.length === 1;
  cited(out, state, 'teardown');
  const s = slot(state, dev, 0);
  if (sure) clearDomain({ domain: 0, slot: s, window: 65536 }, out);
  else for (const b of s.blocks) if (b.mode === mode) b.certainty = 'possible';
  if (singleStore(state)) for (const other of dev.domains) if (other !== s && sure) other.blocks = [];
  const rest = dev.pciModes.filter((m) => m !== mode);
  dev.pciModes = rest.length ? rest : ['none'];
  if (!sure && !dev.pciModes.includes('none')) dev.pciModes = [...dev.pciModes, 'none' as const].sort();
  note(out, `${mode === 'msi' ? 'MSI' : 'MSI-X'} disabled`);
}

/** pci_msix_alloc_irq_at (6.12): needs MSI-X enabled and dynamic allocation support. */
export function msixAllocAt(state: StoreState, op: Op<'pci-msix-alloc-at'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  cited(out, state, 'msixAllocAt');
  if (state.config.tree === '6.1') return notInEra(out, 'pci_msix_alloc_irq_at');
  if (!dynamicReady(dev, out, op.guarded === true)) return out;
  const t = { domain: 0, slot: slot(state, dev, 0), window: 65536 };
  allocAtIndex(state, op.device, t, op.index, out, { site: op.site, label: 'pci_msix_alloc_irq_at', associated: true, mode: 'msix' });
  // Domain 0 is the PCI/MSI-X device domain: its hwsize is the MSI-X table size.
  for (const p of out.problems) if (p.kind === 'index-beyond-hwsize') p.kind = 'index-beyond-msix-table';
  return out;
}

/** MSI-X enabled, then pci_msix_can_alloc_dyn; false when the call surely fails (-ENOTSUPP). */
function dynamicReady(dev: DeviceStoreState, out: Outcome, guarded: boolean): boolean {
  const on = dev.pciModes.includes('msix');
  if (!on || dev.pciModes.length > 1) {
    fail(out, {
      errno: '-ENOTSUPP',
      certainty: on ? 'possible' : 'definite',
      kind: 'dynamic-needs-msix',
      detail: 'MSI-X is not enabled on this path (dev->msix_enabled is 0)',
    });
    if (!on) return false;
  }
  if (dev.caps.dynamicMsix === false) {
    fail(out, { errno: '-ENOTSUPP', certainty: 'definite', kind: 'no-dynamic-msix', detail: 'the MSI parent lacks MSI_FLAG_PCI_MSIX_ALLOC_DYN' });
    return false;
  }
  if (dev.caps.dynamicMsix === undefined && !guarded) {
    problem(out, 'no-dynamic-msix', 'possible', 'not guarded by pci_msix_can_alloc_dyn()', ['the platform MSI parent supports MSI_FLAG_PCI_MSIX_ALLOC_DYN']);
  }
  return true;
}

/**
 * pci_msix_free_irq(dev, map): WARN on a failed map (index < 0 or virq <= 0) or without dynamic
 * support, then free [index, index] of domain 0. It does not check msix_enabled: after a
 * disable the slot is simply already free (a silent no-op).
 */
export function msixFree(state: StoreState, op: Op<'pci-msix-free'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  cited(out, state, 'msixFree');
  if (state.config.tree === '6.1') return notInEra(out, 'pci_msix_free_irq');
  if (!validMap(op.index, op.virq, out)) return out;
  if (dev.caps.dynamicMsix === false) {
    out.warn = true;
    problem(out, 'no-dynamic-msix', 'definite', 'the MSI parent lacks MSI_FLAG_PCI_MSIX_ALLOC_DYN: WARN and return');
    return noop(out, 'no dynamic MSI-X');
  }
  return freeSlot(slot(state, dev, 0), op.index, out);
}

/** map.index < 0 || map.virq <= 0: WARN and return (a failed or never-made map). */
export function validMap(index: Interval, virq: Interval | undefined, out: Outcome): boolean {
  const failed = (index.max !== null && index.max < 0) || (virq?.max !== null && virq?.max !== undefined && virq.max <= 0);
  if (failed) {
    out.warn = true;
    problem(out, 'map-failed', 'definite', `map.index ${show(index)}${virq ? `, map.virq ${show(virq)}` : ''}: a failed map, WARN and return`);
    noop(out, 'failed map');
    return false;
  }
  if (index.min < 0 || (virq !== undefined && virq.min <= 0)) {
    out.warn = 'possible';
    problem(out, 'map-failed', 'possible', 'the map may come from a failed allocation (result unchecked)', ['the allocation result']);
  }
  return true;
}

/** Free one slot; an index known only as a range frees no particular slot in the model. */
function freeSlot(s: DomainSlotState, index: Interval, out: Outcome): Outcome {
  const lo = Math.max(0, index.min);
  const hi = index.max ?? MSI_MAX_INDEX;
  const held = s.blocks.filter((b) => b.first <= hi && lo <= b.last);
  if (!held.length) {
    problem(out, 'nothing-to-free', 'definite', `slot ${show(index)} holds no descriptor: silent no-op`);
    return noop(out, 'already free');
  }
  if (lo !== hi) return noop(out, `map.index ${show(index)} is a run-time value: no particular slot is assumed freed`);
  s.blocks = s.blocks.flatMap((b) => (b.first <= lo && lo <= b.last ? split(b, lo) : [b]));
  out.erased.push(...held.map((b) => ({ domain: s.domain, first: lo, last: lo, certainty: b.certainty, owner: b.site, irqsLeaked: false })));
  note(out, `slot ${lo} freed; MSI-X stays enabled`);
  return out;
}

function split<T extends { first: number; last: number }>(b: T, i: number): T[] {
  const parts: T[] = [];
  if (b.first < i) parts.push({ ...b, last: i - 1 });
  if (b.last > i) parts.push({ ...b, first: i + 1 });
  return parts;
}

function notInEra(out: Outcome, api: string): Outcome {
  out.status = 'error';
  problem(out, 'api-absent', 'definite', `${api} does not exist in 6.1`);
  note(out, `${api} is 6.2+ only`);
  return out;
}

/** pci_irq_vector(dev, nr): by mode; INTx/none gives dev->irq for nr 0, -EINVAL otherwise. */
export function irqVector(state: StoreState, op: Op<'pci-irq-vector'>): Outcome {
  const dev = device(state, op.device);
  cited(begin(op.op), state, 'irqVector');
  const per = dev.pciModes.map((m) => vectorIn(state, dev, m, op));
  const fails = per.filter((o) => o.status === 'error');
  const out = fails.length === per.length ? per[0]! : (per.find((o) => o.status !== 'ok') ?? per[0]!);
  if (fails.length && fails.length < per.length) {
    out.status = 'possible-error';
    for (const p of out.problems) p.certainty = 'possible';
    out.returns = { min: 0, max: 1 };
  }
  return cited(out, state, 'irqVector');
}

function vectorIn(state: StoreState, dev: DeviceStoreState, mode: string, op: Op<'pci-irq-vector'>): Outcome {
  const out = begin(op.op);
  if ((mode === 'msi' || mode === 'msix') && perDomainCore(state) && op.nr.min > MSI_MAX_INDEX) {
    out.returns = exact(0);
    return fail(out, {
      errno: '-EINVAL',
      certainty: 'definite',
      kind: 'index-beyond-max',
      detail: `nr ${show(op.nr)} > MSI_MAX_INDEX: msi_domain_get_virq WARNs and returns 0`,
      warn: true,
    });
  }
  if (mode === 'msi' || mode === 'msix') return lookupIndex({ ...dev, pciModes: [mode] }, slot(state, dev, 0), op.nr, out, true, 'pci_irq_vector');
  if (op.nr.max === 0) {
    out.returns = exact(1);
    note(out, 'no MSI mode: nr 0 returns dev->irq');
    return out;
  }
  out.returns = exact(0);
  // Every index of a bounded interval is looked up (a loop), so one above 0 surely is; an
  // unbounded one reaches 1 only when the run-time bound does.
  const certainty = op.nr.min > 0 || (op.nr.max !== null && op.nr.max > 0) ? 'definite' : 'possible';
  const detail =
    op.nr.min > 0
      ? `neither MSI nor MSI-X is enabled: nr ${show(op.nr)} != 0 gives -EINVAL (only nr 0 returns dev->irq)`
      : `neither MSI nor MSI-X is enabled: every nr above 0 of ${show(op.nr)} gives -EINVAL (only nr 0 returns dev->irq)`;
  return fail(out, {
    errno: '-EINVAL',
    certainty,
    kind: 'lookup-without-msi',
    detail,
    assumptions: certainty === 'possible' ? ['the index reaches 1 (run-time)'] : [],
  });
}
