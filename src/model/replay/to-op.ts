// Turns one MSI fact into the store operation that replays it. Values that are not constant
// become intervals; a loop variable bounded by a constant becomes 0..bound-1.
import type { MsiFact, Value } from '../../facts/types';
import type { Interval, PciIrqFlag, StoreOp } from '../store/types';
import type { SourceSite } from '../../vocabulary/source-site';
import { apiOp } from './api-ops';

export function toInterval(v: Value | undefined): Interval {
  if (!v) return { min: 0, max: null };
  if (v.value !== undefined) return { min: v.value, max: v.value };
  const lb = v.loopBound;
  if (lb?.boundValue?.value !== undefined) {
    const top = lb.boundValue.value - (lb.inclusive ? 0 : 1);
    return { min: Math.min(0, top), max: Math.max(top, 0) };
  }
  return { min: v.min ?? 0, max: v.max ?? null };
}

/**
 * A run-time min_vecs: a successful PCI enable returns at least one vector (`nvecs > 0`,
 * drivers/pci/msi/api.c:pci_alloc_irq_vectors_affinity), so 0 is not a success value.
 */
function atLeastOne(v: Interval): Interval {
  return v.max !== null && v.min === v.max ? v : { min: Math.max(1, v.min), max: v.max === null ? null : Math.max(1, v.max) };
}

function indexOrAny(v: Value | undefined): Interval | 'any' {
  return v?.anyIndex ? 'any' : toInterval(v);
}

function domainOf(fact: MsiFact): { domain?: Interval } {
  return fact.domain ? { domain: toInterval(fact.domain) } : {};
}

const pciFlags = new Set<string>(['PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_INTX', 'PCI_IRQ_LEGACY', 'PCI_IRQ_AFFINITY', 'PCI_IRQ_VIRTUAL']);

function flagsOf(fact: MsiFact): PciIrqFlag[] {
  const names = fact.flags ?? [];
  const out = names.filter((f): f is PciIrqFlag => pciFlags.has(f));
  if (names.includes('PCI_IRQ_ALL_TYPES')) out.push('PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_INTX');
  // Flags that are not constant (a variable): assume every mode may be tried.
  return out.length ? [...new Set(out)] : ['PCI_IRQ_MSIX', 'PCI_IRQ_MSI', 'PCI_IRQ_INTX'];
}

export interface OpContext {
  device: string;
  site: SourceSite;
  /** map.index of the map a pci_msix_free_irq / pci_ims_free_irq frees, when known. */
  mapIndex?: Interval;
  /** A dominating pci_msix_can_alloc_dyn() check was seen on the path. */
  dynGuarded: boolean;
}

/** The store operation for a fact, or undefined when the fact has no store effect. */
export function toStoreOp(fact: MsiFact, c: OpContext): StoreOp | undefined {
  const base = { device: c.device, site: c.site };
  const count = fact.count;
  switch (apiOp(fact.api).op) {
    case 'pci-alloc':
      return { ...base, op: 'pci-alloc-vectors', min: atLeastOne(toInterval(fact.min)), max: toInterval(fact.max), flags: flagsOf(fact) };
    case 'pci-enable-msi':
      return fact.api === 'pci_enable_msi'
        ? { ...base, op: 'pci-enable-msi', min: { min: 1, max: 1 }, max: { min: 1, max: 1 } }
        : { ...base, op: 'pci-enable-msi', min: atLeastOne(toInterval(fact.min ?? count)), max: toInterval(fact.max ?? count) };
    case 'pci-enable-msix':
      return {
        ...base,
        op: 'pci-enable-msix',
        min: atLeastOne(toInterval(fact.min ?? count)),
        max: toInterval(fact.max ?? count),
        entries: fact.entries?.indices ?? null,
      };
    case 'msix-alloc-at':
      return { ...base, op: 'pci-msix-alloc-at', index: indexOrAny(fact.index), guarded: c.dynGuarded };
    case 'msix-free-irq':
      return { ...base, op: 'pci-msix-free', index: c.mapIndex ?? { min: 0, max: null } };
    case 'pci-free-all':
      return { ...base, op: 'pci-disable', mode: 'all' };
    case 'pci-disable-msi':
      return { ...base, op: 'pci-disable', mode: 'msi' };
    case 'pci-disable-msix':
      return { ...base, op: 'pci-disable', mode: 'msix' };
    case 'pci-irq-vector':
      return { ...base, op: 'pci-irq-vector', nr: toInterval(fact.index) };
    case 'get-virq':
      return { ...base, ...domainOf(fact), op: 'get-virq', index: toInterval(fact.index) };
    case 'domain-alloc-range':
      if (fact.first || fact.last) return { ...base, ...domainOf(fact), op: 'alloc-range', first: toInterval(fact.first), last: toInterval(fact.last) };
      return { ...base, ...domainOf(fact), op: 'alloc-count', count: toInterval(count) };
    case 'domain-alloc-at':
      return { ...base, ...domainOf(fact), op: 'alloc-at', index: indexOrAny(fact.index) };
    case 'domain-free-range':
      return { ...base, ...domainOf(fact), op: 'free-range', first: toInterval(fact.first), last: toInterval(fact.last) };
    case 'domain-free-all':
      return { ...base, ...domainOf(fact), op: 'free-all' };
    case 'free-descs-range':
      return fact.first || fact.last
        ? { ...base, ...domainOf(fact), op: 'free-descs', first: toInterval(fact.first), last: toInterval(fact.last) }
        : { ...base, ...domainOf(fact), op: 'free-descs' };
    case 'create-domain':
      return { ...base, op: 'create-domain', domain: toInterval(fact.domain), hwsize: toInterval(fact.hwsize) };
    case 'remove-domain':
      return { ...base, op: 'remove-domain', domain: toInterval(fact.domain) };
    case 'platform-alloc':
      return { ...base, op: 'platform-alloc', nvec: toInterval(count) };
    case 'platform-free':
      return { ...base, op: 'platform-free' };
    case 'fslmc-alloc':
      return { ...base, op: 'fsl-mc-alloc', count: toInterval(count) };
    case 'fslmc-free':
      return { ...base, op: 'fsl-mc-free' };
    case 'ims-create':
      return { ...base, op: 'ims-create', hwsize: toInterval(fact.hwsize) };
    case 'ims-alloc':
      return { ...base, op: 'ims-alloc' };
    case 'ims-free':
      return { ...base, op: 'ims-free', index: c.mapIndex ?? { min: 0, max: null } };
    case 'managed':
      return { ...base, op: 'pci-managed' };
    default:
      return fact.api === 'ti_sci_inta_msi_domain_alloc_irqs' ? { ...base, op: 'ti-sci-alloc', ranges: [] } : undefined;
  }
}
