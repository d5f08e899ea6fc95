// One line of text per operation, for simulation steps ("what the call asks the store for").
import { show } from './interval';
import type { Interval, StoreOp } from './types';

type Op<K extends StoreOp['op']> = Extract<StoreOp, { op: K }>;
type Texts = { [K in StoreOp['op']]: (op: Op<K>) => string };

const dom = (d: Interval | undefined): string => (d ? ` in domain ${show(d)}` : '');
const idx = (i: Interval | 'any'): string => (i === 'any' ? 'MSI_ANY_INDEX' : `index ${show(i)}`);
const range = (first: Interval, last: Interval): string => `${show(first)}..${show(last)}`;
/** A min..max vector count: one number when both are the same constant. */
const count = (min: Interval, max: Interval): string => (JSON.stringify(min) === JSON.stringify(max) ? show(min) : `${show(min)}..${show(max)}`);

const texts: Texts = {
  insert: (op) => `insert a descriptor at index ${show(op.index)}${dom(op.domain)}`,
  'alloc-range': (op) => `allocate ${range(op.first, op.last)}${dom(op.domain)}`,
  'alloc-count': (op) => `allocate ${show(op.count)} descriptors from index 0${dom(op.domain)}`,
  'alloc-at': (op) => `allocate ${idx(op.index)}${dom(op.domain)}`,
  'free-range': (op) => `free ${range(op.first, op.last)}${dom(op.domain)}`,
  'free-all': (op) => `free every descriptor${dom(op.domain)}`,
  'free-descs': (op) => `erase descriptors ${op.first && op.last ? range(op.first, op.last) : '0..65535'}${dom(op.domain)}`,
  'create-domain': (op) => `create device domain ${show(op.domain)} with hwsize ${show(op.hwsize)}`,
  'remove-domain': (op) => `remove device domain ${show(op.domain)}`,
  'get-virq': (op) => `look up the virq of index ${show(op.index)}${dom(op.domain)}`,
  'pci-managed': () => 'mark the PCI device managed (pcim_enable_device)',
  'pci-alloc-vectors': (op) => `allocate ${count(op.min, op.max)} vectors (${op.flags.join(' | ')})`,
  'pci-enable-msi': (op) => `enable MSI with ${count(op.min, op.max)} vectors`,
  'pci-enable-msix': (op) => `enable MSI-X with ${count(op.min, op.max)} vectors${op.entries ? ` at slots ${op.entries.join(', ')}` : ''}`,
  'pci-disable': (op) => (op.mode === 'all' ? 'free all PCI vectors (pci_free_irq_vectors)' : `disable ${op.mode === 'msi' ? 'MSI' : 'MSI-X'}`),
  'pci-msix-alloc-at': (op) => `allocate MSI-X ${idx(op.index)} dynamically`,
  'pci-msix-free': (op) => `free dynamic MSI-X slot ${show(op.index)}`,
  'pci-irq-vector': (op) => `look up PCI vector ${show(op.nr)}`,
  'platform-alloc': (op) => `platform MSI: allocate ${show(op.nvec)} vectors`,
  'platform-free': () => 'platform MSI: free all vectors',
  'fsl-mc-alloc': (op) => `fsl-mc: allocate ${show(op.count)} vectors`,
  'fsl-mc-free': () => 'fsl-mc: free all vectors',
  'ti-sci-alloc': (op) => `TI SCI: insert ${op.ranges.map((r) => `${show(r.count)} at ${show(r.first)}`).join(', ')}`,
  'ims-create': (op) => `create the IMS domain (domain 1) with hwsize ${show(op.hwsize)}`,
  'ims-alloc': () => 'allocate an IMS vector (MSI_ANY_INDEX in domain 1)',
  'ims-free': (op) => `free IMS index ${show(op.index)}`,
};

/** e.g. "allocate 2..8 vectors (PCI_IRQ_MSIX)". */
export function describeOp(op: StoreOp): string {
  const text = texts[op.op] as ((o: StoreOp) => string) | undefined;
  return text ? text(op) : op.op;
}
