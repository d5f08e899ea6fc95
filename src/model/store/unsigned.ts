// C argument types: the kernel takes indices, ranges, domain ids and sizes as `unsigned int`,
// so a negative constant from the source is a huge value there (-1 is UINT_MAX, which for an
// index argument is MSI_ANY_INDEX). Converting once at the entry keeps every operation simple.
import type { Interval, StoreOp } from './types';
import { MSI_ANY_INDEX } from './types';

const UINT = 0x100000000;

/** Fields declared `unsigned int` in the modelled APIs (map.index and counts are int). */
const unsignedFields = ['index', 'first', 'last', 'domain', 'hwsize', 'nr', 'nvec'] as const;
/** map.index of pci_msix_free_irq / pci_ims_free_irq is a signed int. */
const signedIndexOps = new Set<StoreOp['op']>(['pci-msix-free', 'ims-free']);
/** Ops whose index argument MSI_ANY_INDEX means "any free index". */
const anyIndexOps = new Set<StoreOp['op']>(['alloc-at', 'pci-msix-alloc-at']);

export function asUnsigned(v: Interval): Interval {
  if (v.max !== null && v.max < 0) return { min: v.min + UINT, max: v.max + UINT };
  if (v.min < 0) return { min: 0, max: null }; // may wrap to anything
  return v;
}

export function toKernelTypes(op: StoreOp): StoreOp {
  const copy: Record<string, unknown> = { ...op };
  for (const f of unsignedFields) {
    if (f === 'index' && signedIndexOps.has(op.op)) continue;
    const v = copy[f];
    if (isInterval(v)) copy[f] = asUnsigned(v);
  }
  if (op.op === 'ti-sci-alloc') copy.ranges = op.ranges.map((r) => ({ first: asUnsigned(r.first), count: r.count }));
  const index = copy.index;
  if (anyIndexOps.has(op.op) && isInterval(index) && index.min === MSI_ANY_INDEX && index.max === MSI_ANY_INDEX) copy.index = 'any';
  return copy as unknown as StoreOp;
}

function isInterval(v: unknown): v is Interval {
  return typeof v === 'object' && v !== null && 'min' in v && 'max' in v;
}
