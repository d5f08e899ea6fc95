// Non-PCI front-ends: platform device MSI, fsl-mc, TI SCI INTA and (6.2–6.11 history) IMS.
import { checkBounds, target, type Target } from './addressing';
import { allocAtIndex, allocCount, allocRange } from './core-alloc';
import { makeDomain } from './core-domain';
import { clearDomain, freeRange } from './core-free';
import { exact, isExact, show } from './interval';
import { associate, insertSpan } from './insert';
import { validMap } from './pci-ops';
import { begin, cited, fail, noop, note } from './outcome';
import { device, perDomainCore, setHwsize, singleStore, slot } from './state';
import type { DeviceStoreState, DomainSlotState, Outcome, StoreOp, StoreState } from './types';
import { MSI_XA_DOMAIN_SIZE } from './types';

type Op<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;

const MAX_DEV_MSIS = 2048;

/** 6.12 platform_device_msi_init_and_alloc_irqs / 6.1 platform_msi_domain_alloc_irqs. */
export function platformAlloc(state: StoreState, op: Op<'platform-alloc'>): Outcome {
  return perDomainCore(state) ? platformAlloc612(state, op) : platformAlloc61(state, op);
}

function platformAlloc612(state: StoreState, op: Op<'platform-alloc'> | Op<'fsl-mc-alloc'>, out = cited(begin(op.op), state, 'platformAlloc')): Outcome {
  const dev = device(state, op.device);
  const n = op.op === 'platform-alloc' ? op.nvec : op.count;
  if (n.min > MSI_XA_DOMAIN_SIZE)
    return fail(out, {
      errno: '-ENODEV',
      certainty: 'definite',
      kind: 'hwsize-too-large',
      detail: `nvec ${show(n)} > 65536: the domain cannot be created`,
    });
  const s = slot(state, dev, 0);
  if (!singleStore(state) && s.exists !== 'no') {
    const certainty = s.exists === 'yes' ? 'definite' : 'possible';
    cited(out, state, 'createDomain');
    out.collisions.push(...s.blocks.map((b) => ({ domain: 0, first: b.first, last: b.last, certainty: b.certainty, owner: b.site })));
    fail(out, {
      errno: '-ENODEV',
      certainty,
      kind: 'domain-exists',
      detail: 'the device already has an MSI domain (second init without free)',
      warn: true,
    });
    if (certainty === 'definite') return out;
  }
  if (!singleStore(state)) makeDomain(s, n, 'platform', `platform_device_msi_init_and_alloc_irqs nvec ${show(n)}`);
  if (n.max === 0) {
    return fail(out, {
      errno: '-EINVAL',
      certainty: 'definite',
      kind: 'count-not-positive',
      detail: 'nvec == 0 gives last = UINT_MAX; the domain (hwsize 65536) is left behind',
      warn: true,
    });
  }
  const range = {
    op: 'alloc-range' as const,
    device: op.device,
    site: op.site,
    domain: exact(0),
    first: exact(0),
    last: { min: Math.max(n.min, 1) - 1, max: n.max === null ? null : n.max - 1 },
  };
  // A run-time nvec: whatever it is (>= 1), 0..nvec-1 fits the domain made with hwsize nvec. (nvec 0
  // is range-inverted above when it is certain; a count that may be 0 is not read as out of range.)
  return merge(out, n.max !== 0 && !singleStore(state) ? withinOwnSize(state, s, range) : allocRange(state, range));
}

/**
 * 0..nvec-1 in the domain just made with hwsize nvec fits whatever nvec is (nvec >= 1): the
 * bounds check sees the range's own top as the size; the slot keeps its run-time hwsize after.
 */
function withinOwnSize(state: StoreState, s: DomainSlotState, range: Op<'alloc-range'>): Outcome {
  const { hwsize, hwsizeMin, hwsizeSource } = s;
  if (hwsize === null) setHwsize(s, range.last.max === null ? MSI_XA_DOMAIN_SIZE : range.last.max + 1, hwsizeMin, hwsizeSource);
  const out = allocRange(state, range);
  setHwsize(s, hwsize, hwsizeMin, hwsizeSource);
  return out;
}

function platformAlloc61(state: StoreState, op: Op<'platform-alloc'>): Outcome {
  const out = cited(begin(op.op), state, 'platformAlloc');
  const dev = device(state, op.device);
  const n = op.nvec;
  if (n.max === 0) return fail(out, { errno: '-EINVAL', certainty: 'definite', kind: 'count-not-positive', detail: 'nvec == 0' });
  if (n.min > MAX_DEV_MSIS)
    return fail(out, { errno: '-EINVAL', certainty: 'definite', kind: 'count-too-large', detail: `nvec ${show(n)} > MAX_DEV_MSIS (2048)` });
  if (dev.platformData !== 'no') {
    const certainty = dev.platformData === 'yes' ? 'definite' : 'possible';
    cited(out, state, 'platformPriv');
    fail(out, { errno: '-EBUSY', certainty, kind: 'platform-data-exists', detail: 'platform MSI data already set (second alloc without free)' });
    if (certainty === 'definite') return out;
  }
  const inner = allocCount(state, { op: 'alloc-count', device: op.device, site: op.site, count: n });
  if (inner.status !== 'error') dev.platformData = inner.status === 'ok' ? 'yes' : 'maybe';
  return merge(out, inner);
}

/** platform_device_msi_free_irqs_all (frees, then removes the domain) / platform_msi_domain_free_irqs. */
export function platformFree(state: StoreState, op: Op<'platform-free'>): Outcome {
  const out = cited(begin(op.op), state, 'platformFree');
  const dev = device(state, op.device);
  const s = slot(state, dev, 0);
  clearDomain(whole(state, dev, s), out);
  if (!singleStore(state) && perDomainCore(state)) s.exists = 'no';
  dev.platformData = 'no';
  return out;
}

function whole(state: StoreState, dev: DeviceStoreState, s = slot(state, dev, 0)): Target {
  return { domain: s.domain, slot: s, window: MSI_XA_DOMAIN_SIZE };
}

/**
 * fsl-mc: a global domain with simple descriptors 0..n-1 (6.1 refuses when any descriptor exists).
 * 7.x: platform_device_msi_init_and_alloc_irqs, a device domain of irq_count (a second call
 * without the domain removed fails: fsl_mc_msi_domain_free_irqs frees the IRQs, not the domain).
 */
export function fslMcAlloc(state: StoreState, op: Op<'fsl-mc-alloc'>): Outcome {
  if (state.config.tree === '7.x') {
    // A global domain here is an assumption (no creation seen), not a device domain: the
    // fsl-mc device's dev->msi.domain is the parent the call creates its device domain under.
    const s = slot(state, device(state, op.device), 0);
    if (s.kind === 'global' && s.blocks.length === 0) s.exists = 'no';
    // A bus-internal API (fsl-mc-private.h): its one caller, fsl_mc_populate_irq_pool, rejects
    // irq_count 0, so a run-time count is read as at least 1.
    const count = op.count.min === 0 && op.count.max !== 0 ? { ...op.count, min: 1 } : op.count;
    return platformAlloc612(state, { ...op, count }, cited(cited(begin(op.op), state, 'fslMcDeviceDomain'), state, 'platformAlloc'));
  }
  const out = cited(begin(op.op), state, 'fslMcAlloc');
  const dev = device(state, op.device);
  const s = globalDomain(state, dev);
  if (!perDomainCore(state) && s.blocks.length) {
    const certainty = s.blocks.some((b) => b.certainty === 'definite') ? 'definite' : 'possible';
    out.collisions.push(...s.blocks.map((b) => ({ domain: 0, first: b.first, last: b.last, certainty: b.certainty, owner: b.site })));
    fail(out, { errno: '-EINVAL', certainty, kind: 'descriptors-exist', detail: 'descriptors already exist; the store is untouched' });
    if (certainty === 'definite') return out;
  }
  const c = op.count;
  const inner = perDomainCore(state)
    ? allocRange(state, {
        op: 'alloc-range',
        device: op.device,
        site: op.site,
        domain: exact(0),
        first: exact(0),
        last: { min: Math.max(c.min, 1) - 1, max: c.max === null ? null : c.max - 1 },
      })
    : allocCount(state, { op: 'alloc-count', device: op.device, site: op.site, count: c });
  return merge(out, inner);
}

export function fslMcFree(state: StoreState, op: Op<'fsl-mc-free'>): Outcome {
  const out = cited(begin(op.op), state, 'fslMcFree');
  const dev = device(state, op.device);
  // 7.x: msi_domain_free_irqs_all on the device domain, which stays.
  const s = state.config.tree === '7.x' ? slot(state, dev, 0) : globalDomain(state, dev);
  return clearDomain(whole(state, dev, s), out);
}

/** A global (non-parent) domain in slot 0: hwsize 65536 (info->hwsize 0). */
function globalDomain(state: StoreState, dev: DeviceStoreState) {
  const s = slot(state, dev, 0);
  if (!singleStore(state) && s.exists !== 'yes') makeDomain(s, exact(0), 'global', 'global MSI domain');
  return s;
}

/** TI SCI INTA: descriptors at the firmware range indices; any insert failure is -ENOMEM and drops all. */
export function tiSciAlloc(state: StoreState, op: Op<'ti-sci-alloc'>): Outcome {
  const out = cited(begin(op.op), state, 'tiSciAlloc');
  const dev = device(state, op.device);
  const s = globalDomain(state, dev);
  const t = whole(state, dev, s);
  const saved = s.blocks.map((b) => ({ ...b }));
  const opaque = op.ranges.filter((r) => !isExact(r.first));
  for (const r of op.ranges) {
    if (!isExact(r.first)) continue;
    const lastMax = r.first.min + (r.count.max ?? r.count.min) - 1;
    if (lastMax < r.first.min) continue;
    const span = { first: r.first.min, lastDef: r.first.min + r.count.min - 1, lastMax };
    const fits = checkBounds(state, dev, t, span, out, { errno: '-ENOMEM', warn: false, behaviour: 'insert' });
    if (
      !fits ||
      insertSpan(state, t, span, { site: op.site, label: `TI SCI range ${show(r.first)}+${show(r.count)}`, associated: false }, 'new', out) === null
    ) {
      s.blocks = []; // msi_free_msi_descs drops every descriptor (0..MSI_MAX_INDEX)
      out.erased.push(...saved.map((b) => ({ domain: 0, first: b.first, last: b.last, certainty: b.certainty, owner: b.site, irqsLeaked: b.associated })));
      out.errno = '-ENOMEM';
      note(out, 'reported as -ENOMEM; all descriptors dropped');
      return out;
    }
  }
  if (out.status === 'possible-error') out.errno = '-ENOMEM';
  associate(t, null);
  if (opaque.length) note(out, `${opaque.length} range(s) with run-time start: indices are opaque firmware values`);
  out.returns = exact(0);
  return out;
}

/** pci_create_ims_domain: msi_create_device_irq_domain(dev, MSI_SECONDARY_DOMAIN, ..., hwsize). */
export function imsCreate(state: StoreState, op: Op<'ims-create'>): Outcome {
  const out = cited(begin(op.op), state, 'ims');
  if (singleStore(state)) return noop(out, 'the single device store has no domains');
  const dev = device(state, op.device);
  const t = target(state, dev, exact(1), out, 'none');
  if (!t) {
    out.returns = exact(0);
    return out;
  }
  if (t.slot.exists === 'yes') {
    out.returns = exact(0);
    return fail(out, { errno: null, certainty: 'definite', kind: 'domain-exists', detail: 'MSI_SECONDARY_DOMAIN already has a domain', warn: true });
  }
  makeDomain(t.slot, op.hwsize, 'ims', `pci_create_ims_domain hwsize ${show(op.hwsize)}`);
  out.returns = exact(1);
  return out;
}

/** pci_ims_alloc_irq: MSI_ANY_INDEX in domain 1; on a single xarray IMS simple descriptors start at 0. */
export function imsAlloc(state: StoreState, op: Op<'ims-alloc'>): Outcome {
  const out = cited(begin(op.op), state, 'ims');
  const dev = device(state, op.device);
  const t = target(state, dev, exact(1), out, singleStore(state) ? 'none' : 'enodev');
  if (!t) return out;
  const descs = { site: op.site, label: 'pci_ims_alloc_irq', associated: true };
  if (singleStore(state)) {
    cited(out, state, 'insert');
    return allocAtIndex(state, op.device, t, exact(0), out, descs);
  }
  return allocAtIndex(state, op.device, t, 'any', out, descs);
}

export function imsFree(state: StoreState, op: Op<'ims-free'>): Outcome {
  const out = cited(begin(op.op), state, 'ims');
  if (!validMap(op.index, op.virq, out)) return out;
  const inner = freeRange(state, {
    op: 'free-range',
    device: op.device,
    site: op.site,
    domain: singleStore(state) ? exact(0) : exact(1),
    first: op.index,
    last: op.index,
  });
  return merge(out, inner);
}

/** Fold an inner core outcome into the front-end's, keeping the front-end's op name and citations first. */
function merge(out: Outcome, inner: Outcome): Outcome {
  const status =
    out.status === 'error' || inner.status === 'error'
      ? 'error'
      : out.status === 'possible-error' || inner.status === 'possible-error'
        ? 'possible-error'
        : inner.status;
  return {
    ...inner,
    op: out.op,
    status,
    errno: inner.errno ?? out.errno,
    warn: out.warn === true || inner.warn === true ? true : out.warn === 'possible' || inner.warn === 'possible' ? 'possible' : false,
    collisions: [...out.collisions, ...inner.collisions],
    erased: [...out.erased, ...inner.erased],
    problems: [...out.problems, ...inner.problems],
    citations: [...out.citations, ...inner.citations.filter((c) => !out.citations.some((o) => o.fn === c.fn && o.tree === c.tree))],
    note: [out.note, inner.note].filter(Boolean).join('; '),
  };
}
