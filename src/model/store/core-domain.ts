// Per-device domains (6.12 msi_create_device_irq_domain / msi_remove_device_irq_domain) and
// the lookup msi_domain_get_virq / msi_get_virq.
import { target } from './addressing';
import { coverage } from './blocks';
import { exact, show } from './interval';
import { begin, cited, fail, noop, note } from './outcome';
import { device, perDomainCore, setHwsize, singleStore, slot } from './state';
import type { DeviceStoreState, DomainSlotState, Interval, Outcome, StoreOp, StoreState } from './types';
import { MSI_MAX_INDEX, MSI_XA_DOMAIN_SIZE } from './types';

type Op<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;

/** Returns true (1) or false (0) as the kernel's bool; hwsize 0 becomes 65536. */
export function createDomain(state: StoreState, op: Op<'create-domain'>, kind = 'device'): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  cited(out, state, 'createDomain');
  if (singleStore(state)) return noop(out, 'no per-device domains in this era');
  const t = target(state, dev, op.domain, out, 'none');
  if (!t) {
    out.warn = false; // domid >= MAX: false without WARN
    out.returns = exact(0);
    return out;
  }
  const h = op.hwsize;
  if (t.slot.exists !== 'no') {
    const certainty = t.slot.exists === 'yes' ? 'definite' : 'possible';
    fail(out, { errno: null, certainty, kind: 'domain-exists', detail: `domain slot ${t.domain} is already occupied (${t.slot.kind})`, warn: true });
    out.returns = certainty === 'definite' ? exact(0) : { min: 0, max: 1 };
    if (certainty === 'definite') return out;
  }
  if (h.min > MSI_XA_DOMAIN_SIZE) {
    out.returns = exact(0);
    fail(out, { errno: null, certainty: 'definite', kind: 'hwsize-too-large', detail: `hwsize ${show(h)} > MSI_XA_DOMAIN_SIZE (65536): creation fails` });
    return cited(out, state, 'createHwsize');
  }
  makeDomain(t.slot, h, kind, `${kind} domain created with hwsize ${show(h)}`);
  out.returns = out.returns ?? exact(1);
  note(out, `domain ${t.domain} created, hwsize ${t.slot.hwsize ?? show(h)}`);
  if (state.config.tree === '7.x') {
    // The parent's msi_prepare runs here once, for hwsize vectors (an ITS sizes the ITT), and
    // allocations reuse it: a prepare failure fails the creation, not a later allocation.
    cited(cited(out, state, 'prepareAtCreation'), state, 'allocInfo');
    note(out, `the parent's msi_prepare ran for hwsize ${t.slot.hwsize ?? show(h)} vectors at creation; allocations reuse it`);
  }
  return out;
}

/** Fill a slot as a live domain; hwsize 0 means 65536, a run-time hwsize stays null. */
export function makeDomain(s: DomainSlotState, hwsize: Interval, kind: string, source: string): void {
  s.exists = 'yes';
  s.kind = kind;
  if (hwsize.max !== null && hwsize.min === hwsize.max) {
    const n = hwsize.min === 0 ? MSI_XA_DOMAIN_SIZE : hwsize.min;
    setHwsize(s, n, n, hwsize.min === 0 ? `${source} (0 means 65536)` : source);
  } else setHwsize(s, null, Math.max(1, hwsize.min), source);
}

/** Removes the domain only: descriptors stay and leak (later frees hit "domain missing"). */
export function removeDomain(state: StoreState, op: Op<'remove-domain'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  cited(out, state, 'removeDomain');
  if (singleStore(state)) return noop(out, 'no per-device domains in this era');
  const d = op.domain.min;
  const s = dev.domains.find((x) => x.domain === d);
  if (!s || s.exists === 'no') return noop(out, `no domain in slot ${d}`);
  s.exists = 'no';
  setHwsize(s, MSI_XA_DOMAIN_SIZE, MSI_XA_DOMAIN_SIZE, 'no domain: msi_domain_get_hwsize gives 65536');
  note(out, s.blocks.length ? `domain ${d} removed; its descriptors stay allocated` : `domain ${d} removed`);
  return out;
}

/** msi_domain_get_virq: returns 1 (a virq) or 0; PCI MSI mode resolves index < nvec_used from index 0. */
export function getVirq(state: StoreState, op: Op<'get-virq'>): Outcome {
  const out = begin(op.op);
  const dev = device(state, op.device);
  cited(out, state, 'getVirq');
  const modern = !singleStore(state) && perDomainCore(state);
  const d = op.domain?.min ?? 0;
  if (modern && (op.index.min > MSI_MAX_INDEX || (state.config.layout === 'per-domain' && d >= state.config.maxDeviceIrqDomains))) {
    out.returns = exact(0);
    const kind = op.index.min > MSI_MAX_INDEX ? 'index-beyond-max' : 'domain-id-invalid';
    return fail(out, { errno: null, certainty: 'definite', kind, detail: `index ${show(op.index)} / domain ${d}: WARN and 0`, warn: true });
  }
  const s = slot(state, dev, d);
  return lookupIndex(dev, s, op.index, out, d === 0, 'msi_get_virq');
}

/**
 * Shared by msi_get_virq and pci_irq_vector: is `index` backed by an associated descriptor?
 * For a miss msi_domain_get_virq() returns 0; pci_irq_vector() turns that 0 into -EINVAL.
 */
export function lookupIndex(
  dev: DeviceStoreState,
  s: DomainSlotState,
  index: Interval,
  out: Outcome,
  defaultDomain: boolean,
  api: 'msi_get_virq' | 'pci_irq_vector',
): Outcome {
  const errno = api === 'pci_irq_vector' ? '-EINVAL' : null;
  const miss = api === 'pci_irq_vector' ? '' : ': msi_get_virq() returns 0 for it';
  const msi = defaultDomain && dev.pciModes.includes('msi') ? s.blocks.find((b) => b.mode === 'msi' && b.first === 0) : undefined;
  if (msi && dev.pciModes.every((m) => m === 'msi')) return lookupMsi(msi.nvecUsed ?? exact(1), msi.certainty, index, out);
  // Every index of the interval is looked up (a loop variable): one with no holder is a sure miss.
  const cov = coverage(
    s.blocks.filter((b) => b.associated),
    index.min,
    index.max ?? MSI_MAX_INDEX,
  );
  const definiteMissing = cov.uncovered && index.max !== null;
  const possibleMissing = cov.onlyPossible && !definiteMissing;
  if (definiteMissing) {
    out.returns = exact(0);
    return fail(out, {
      errno,
      certainty: 'definite',
      kind: 'lookup-empty-slot',
      detail: `index ${show(index)} has no associated descriptor in domain ${s.domain}${miss}`,
    });
  }
  out.returns = possibleMissing ? { min: 0, max: 1 } : exact(1);
  if (possibleMissing)
    fail(out, {
      errno,
      certainty: 'possible',
      kind: 'lookup-empty-slot',
      detail: `index ${show(index)} may be beyond what is allocated in domain ${s.domain}${miss}`,
      assumptions: ['the allocated count (run-time)'],
    });
  return out;
}

/** MSI: the single index-0 descriptor answers every nr < nvec_used. */
function lookupMsi(nvecUsed: Interval, certainty: 'definite' | 'possible', nr: Interval, out: Outcome): Outcome {
  const nrMax = nr.max ?? MSI_MAX_INDEX;
  if (nr.min >= (nvecUsed.max ?? Number.MAX_SAFE_INTEGER)) {
    out.returns = exact(0);
    return fail(out, {
      errno: '-EINVAL',
      certainty: 'definite',
      kind: 'lookup-beyond-nvec-used',
      detail: `MSI: nr ${show(nr)} >= nvec_used ${show(nvecUsed)}`,
    });
  }
  if (nrMax >= nvecUsed.min || certainty === 'possible') {
    out.returns = { min: 0, max: 1 };
    return fail(out, {
      errno: '-EINVAL',
      certainty: 'possible',
      kind: 'lookup-beyond-nvec-used',
      detail: `MSI: nr ${show(nr)} may reach nvec_used ${show(nvecUsed)}`,
      assumptions: ['the MSI vector count (run-time)'],
    });
  }
  out.returns = exact(1);
  note(out, `MSI: irq + ${show(nr)} (nvec_used ${show(nvecUsed)})`);
  return out;
}
