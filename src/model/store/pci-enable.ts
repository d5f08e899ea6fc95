// PCI MSI and MSI-X enable (drivers/pci/msi/msi.c __pci_enable_msi_range / __pci_enable_msix_range),
// each check in its tree's order, then the descriptors they put in the default domain.
import type { SourceSite } from '../../vocabulary/source-site';
import type { Span, Target } from './addressing';
import { makeDomain } from './core-domain';
import { between, exact, show } from './interval';
import { insertSpan } from './insert';
import { cited, fail, note } from './outcome';
import { msiOrder, msixOrder, runChecks, type EnableCtx } from './pci-checks';
import { device, singleStore, slot } from './state';
import type { DeviceStoreState, Interval, Outcome, StoreState } from './types';

export interface EnableRequest {
  device: string;
  site: SourceSite;
  min: Interval;
  max: Interval;
  entries: number[] | null;
  virtual: boolean;
  label: string;
}

const MSI_HW_MAX = 32;
const MSIX_TABLE_MAX = 2048;
const INT_MAX = 0x7fffffff;

/** max_vecs is unsigned but the enable paths take int: above INT_MAX it is negative. */
function signedMax(max: Interval): Interval {
  return max.min > INT_MAX ? exact(-1) : max;
}

function context(state: StoreState, r: EnableRequest, out: Outcome, table: number | null, top: number): EnableCtx {
  const dev = device(state, r.device);
  const max = signedMax(r.max);
  const entries = r.entries ? r.entries.slice(0, max.max ?? r.entries.length) : null;
  return { state, dev, out, min: r.min, max, rawMax: r.max, entries, table, top };
}

/** __pci_enable_msi_range(dev, minvec, maxvec): returns the vector count. */
export function enableMsi(state: StoreState, r: EnableRequest, out: Outcome): Outcome {
  const dev = device(state, r.device);
  const caps = dev.caps;
  const max = signedMax(r.max);
  cited(out, state, 'enableMsi');
  if (runChecks(msiOrder, context(state, r, out, null, 0))) return out;
  if (caps.msiCount === 0) return fail(out, { errno: '-EINVAL', certainty: 'definite', detail: 'the device has no MSI capability' });
  const hw = caps.msiCount ?? MSI_HW_MAX;
  if (r.min.min > hw) {
    const detail = `minvec ${show(r.min)} > ${caps.msiCount === undefined ? 'the MSI maximum of 32' : `the device's ${hw} MSI vectors`}`;
    return fail(out, { errno: '-ENOSPC', certainty: 'definite', kind: 'minvec-beyond-msi-count', detail });
  }
  if (r.min.min > 1 && caps.multiMsi === false) {
    cited(out, state, 'msiCapInit');
    return fail(out, {
      errno: '-ENOSPC',
      certainty: 'definite',
      kind: 'multi-msi-unsupported',
      detail: `minvec ${show(r.min)} > 1 but the platform lacks MSI_FLAG_MULTI_PCI_MSI`,
    });
  }
  if (r.min.min > 1 && (caps.msiCount === undefined || caps.multiMsi === undefined)) {
    fail(out, {
      errno: '-ENOSPC',
      certainty: 'possible',
      kind: 'multi-msi-unsupported',
      detail: `minvec ${show(r.min)} needs multi-MSI`,
      assumptions: ["the device's Multiple Message Capable field", 'platform MSI_FLAG_MULTI_PCI_MSI support'],
    });
  }
  const top = caps.multiMsi === false ? 1 : Math.min(hw, max.max ?? hw);
  const count = between(Math.min(r.min.min, top), top);
  const t = pciDomain(state, dev, 'pci-msi', ...msiDomainSize(state, dev, r.min));
  cited(out, state, 'msiDomain');
  if (state.config.tree === '7.x') cited(out, state, 'msiDomainHwsize');
  dropPciBlocks(t);
  const span: Span = { first: 0, lastDef: 0, lastMax: 0 };
  const ok = insertSpan(state, t, span, { site: r.site, label: r.label, associated: true, mode: 'msi', nvecUsed: count }, 'new', out, true);
  if (!ok) return out;
  succeed(dev, 'msi');
  out.returns = count;
  note(out, `MSI: one descriptor at index 0, nvec_used ${show(count)}; the device is programmed for ${powerOfTwo(count)} messages`);
  return out;
}

/**
 * The PCI/MSI device domain's hwsize: 1 in 6.12 (one descriptor); in 7.x the device's MSI vector
 * count (pci_msi_vec_count, taken before nvec is clamped to maxvec), so the parent's msi_prepare
 * at creation sizes for every vector (e.g. the ITS ITT). A count not known is at least minvec.
 */
function msiDomainSize(state: StoreState, dev: DeviceStoreState, min: Interval): [Interval, string] {
  if (state.config.tree !== '7.x') return [exact(1), 'pci_setup_msi_device_domain: one descriptor'];
  const n = dev.caps.msiCount;
  return n !== undefined && n > 0
    ? [exact(n), `pci_setup_msi_device_domain(dev, pci_msi_vec_count = ${n})`]
    : [{ min: Math.max(1, min.min), max: MSI_HW_MAX }, 'pci_setup_msi_device_domain(dev, pci_msi_vec_count)'];
}

/** __pci_enable_msix_range(dev, entries, minvec, maxvec, flags): returns the vector count. */
export function enableMsix(state: StoreState, r: EnableRequest, out: Outcome): Outcome {
  const dev = device(state, r.device);
  const max = signedMax(r.max);
  cited(out, state, 'enableMsix');
  const knownTable = dev.caps.msixTableSize ?? null;
  // nvec is clamped to the table unless PCI_IRQ_VIRTUAL; with no known table it stays maxvec.
  const top = r.virtual || knownTable === null ? (max.max ?? knownTable ?? MSIX_TABLE_MAX) : Math.min(knownTable, max.max ?? knownTable);
  const ctx = context(state, r, out, knownTable, top);
  if (runChecks(msixOrder[state.config.tree], ctx)) return out;
  const entries = ctx.entries;
  const count = between(r.min.min, top);
  const hwsize = r.virtual && knownTable !== null && top > knownTable ? exact(top) : knownTable === null ? null : exact(knownTable);
  const t = pciDomain(
    state,
    dev,
    'pci-msix',
    hwsize ?? { min: Math.max(1, r.min.min), max: null },
    r.virtual ? 'MSI-X table size or PCI_IRQ_VIRTUAL nvec' : 'MSI-X table size (pci_msix_vec_count)',
  );
  cited(out, state, 'msixDomain');
  dropPciBlocks(t);
  if (!placeMsix(state, t, r, entries, count, out)) return out;
  succeed(dev, 'msix');
  out.returns = count;
  return out;
}

/** Reaching the insert means neither mode is enabled on this path: no PCI vectors can be live. */
function dropPciBlocks(t: Target): void {
  t.slot.blocks = t.slot.blocks.filter((b) => b.mode === undefined);
}

/** Descriptors at the msix_entry slots (or 0..n-1); an index >= a per-device hwsize gives -ERANGE (6.12). */
function placeMsix(state: StoreState, t: Target, r: EnableRequest, entries: number[] | null, count: Interval, out: Outcome): boolean {
  const hw = t.slot.hwsize;
  const limit = hw ?? Number.POSITIVE_INFINITY;
  const idx = entries ?? null;
  const defN = count.min;
  const maxN = count.max ?? defN;
  const beyond = hw === null || singleStore(state) || t.slot.kind !== 'pci-msix' ? undefined : (idx ?? [maxN - 1]).slice(0, maxN).find((e) => e >= limit);
  if (beyond !== undefined) {
    const sure = (idx ?? [defN - 1]).slice(0, defN).some((e) => e >= limit);
    cited(out, state, 'msixDescs');
    fail(out, {
      errno: '-ERANGE',
      certainty: sure ? 'definite' : 'possible',
      kind: 'index-beyond-msix-table',
      detail: `MSI-X index ${beyond} >= hwsize ${hw} (${t.slot.hwsizeSource}); msi_insert_desc gives -ERANGE`,
    });
    if (sure) return false;
  }
  const spans: Span[] = idx
    ? idx.slice(0, maxN).map((e, i) => ({ first: e, lastDef: i < defN ? e : e - 1, lastMax: e }))
    : [{ first: 0, lastDef: defN - 1, lastMax: maxN - 1 }];
  const saved = t.slot.blocks.map((b) => ({ ...b }));
  for (const span of spans) {
    if (insertSpan(state, t, span, { site: r.site, label: r.label, associated: true, mode: 'msix' }, 'new', out, true) === null) {
      t.slot.blocks = saved; // msix_capability_init tears the partial setup down
      return false;
    }
  }
  note(out, `MSI-X: ${idx ? `slots ${idx.slice(0, maxN).join(', ')}` : `slots 0..${show(between(defN - 1, maxN - 1))}`} in domain 0`);
  return true;
}

/** The default-domain slot for a PCI mode: 6.12 replaces the other mode's per-device domain. */
function pciDomain(state: StoreState, dev: DeviceStoreState, kind: 'pci-msi' | 'pci-msix', hwsize: Interval, source: string): Target {
  const s = slot(state, dev, 0);
  const window = state.config.layout === 'partitioned' ? windowSize(state) : 65536;
  if (singleStore(state)) return { domain: 0, slot: s, window };
  if (dev.caps.perDeviceDomain === false) {
    makeDomain(s, exact(0), 'pci-global', 'global or legacy PCI/MSI domain');
    return { domain: 0, slot: s, window };
  }
  if (s.exists === 'yes' && s.kind === kind) return { domain: 0, slot: s, window }; // kept, hwsize not recomputed
  makeDomain(s, hwsize, kind, source);
  return { domain: 0, slot: s, window };
}

function windowSize(state: StoreState): number {
  const p = state.config.partitions.find((x) => x.domain === 0);
  return p ? p.last - p.first + 1 : 65536;
}

/** msi_setup_msi_desc: multiple = ilog2(__roundup_pow_of_two(nvec)). */
function powerOfTwo(count: Interval): string {
  const up = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
  const lo = up(count.min);
  const hi = count.max === null ? null : up(count.max);
  return hi === lo ? `${lo}` : `${lo}..${hi ?? 32}`;
}

/** The state after a call that can succeed is its success-path state (the replay undoes it on the failure branch). */
function succeed(dev: DeviceStoreState, mode: 'msi' | 'msix'): void {
  dev.pciModes = [mode];
  if (dev.managed !== 'no') dev.pcimRelease = dev.pcimRelease === 'yes' ? 'yes' : dev.managed;
}
