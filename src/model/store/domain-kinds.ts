// What each kind of MSI domain does with a range allocation, as data: the `info->flags` its
// template or parent gives it in 6.12. Only MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS domains insert a
// descriptor per index of `first..last`; the others allocate IRQs only for unassociated
// descriptors already in the range (kernel/irq/msi.c:__msi_domain_alloc_locked, step 5 of
// msi-semantics §2.1), so a range over PCI vectors neither collides nor erases anything.

export interface DomainKindFlags {
  /** MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS: the core inserts the range's descriptors itself. */
  simpleDescs: boolean;
  /** MSI_FLAG_FREE_MSI_DESCS: freeing IRQs also frees their descriptors. */
  freeDescs: boolean;
  /** Where the flags come from (6.12). */
  source: string;
}

const kinds: Record<string, DomainKindFlags> = {
  'pci-msi': { simpleDescs: false, freeDescs: true, source: 'drivers/pci/msi/irqdomain.c:pci_msi_template (MSI_COMMON_FLAGS | MSI_FLAG_MULTI_PCI_MSI)' },
  'pci-msix': {
    simpleDescs: false,
    freeDescs: true,
    source: 'drivers/pci/msi/irqdomain.c:pci_msix_template (MSI_COMMON_FLAGS | MSI_FLAG_PCI_MSIX | MSI_FLAG_PCI_MSIX_ALLOC_DYN)',
  },
  'pci-global': {
    simpleDescs: false,
    freeDescs: true,
    source: 'drivers/pci/msi/irqdomain.c:pci_msi_create_irq_domain (PCI descriptors come from msi_setup_msi_desc / msix_setup_msi_descs)',
  },
  platform: { simpleDescs: true, freeDescs: true, source: 'drivers/irqchip/irq-msi-lib.c:msi_lib_init_dev_msi_info (DOMAIN_BUS_DEVICE_MSI)' },
  'fsl-mc': { simpleDescs: true, freeDescs: true, source: 'drivers/bus/fsl-mc/fsl-mc-msi.c:fsl_mc_msi_create_irq_domain' },
  ims: { simpleDescs: true, freeDescs: true, source: 'drivers/irqchip/irq-msi-lib.c:msi_lib_init_dev_msi_info (IMS device domains, 6.2-6.11)' },
};

/** A domain created by the driver's own template, a global or unknown one: simple descriptors assumed. */
const assumedSimple: DomainKindFlags = { simpleDescs: true, freeDescs: true, source: 'template not read: simple descriptors assumed' };

/** Flags of a slot's kind; a joined kind (`a|b`) lacks simple descriptors only when every part does. */
export function domainFlags(kind: string): DomainKindFlags {
  const parts = kind.split('|').map((k) => kinds[k] ?? assumedSimple);
  const plain = parts.find((p) => !p.simpleDescs);
  return plain && parts.every((p) => !p.simpleDescs) ? plain : assumedSimple;
}
