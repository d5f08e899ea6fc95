// The PCI_IRQ_* bits of pci_alloc_irq_vectors()'s flags argument (include/linux/pci.h): one table
// for the facts layer (a constant flags argument) and the replay (a flags local a path assigned).
const bits: readonly [number, string][] = [
  [1, 'INTX'],
  [2, 'PCI_IRQ_MSI'],
  [4, 'PCI_IRQ_MSIX'],
  [8, 'PCI_IRQ_AFFINITY'],
  [16, 'PCI_IRQ_VIRTUAL'],
];

/** The names of the bits set in `value`, lowest first; the INTx bit as `intx` (the era's PCI_IRQ_INTX or PCI_IRQ_LEGACY). */
export function pciIrqFlagNames(value: number, intx: string): string[] {
  return bits.filter(([b]) => (value & b) !== 0).map(([, n]) => (n === 'INTX' ? intx : n));
}
