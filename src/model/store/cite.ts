// Kernel citations, one row per behaviour the model follows: which function decides it in
// each tree. A row missing a tree means the behaviour does not exist there, except 7.x: a row
// without a '7.x' entry cites its 6.12 function, which 7.3 still has in the same file and which
// still decides it (checked against the 7.3 tree by test/unit/cite-7x.test.ts).
import type { Citation } from './types';

type Row = { '7.x'?: string; '6.12'?: string; '6.1'?: string; design?: string; history?: string };

/** Behaviour -> "file:function" per tree. */
const table = {
  insert: { '6.12': 'kernel/irq/msi.c:msi_insert_desc', '6.1': 'kernel/irq/msi.c:msi_insert_desc' },
  ctrlValid: { '6.12': 'kernel/irq/msi.c:msi_ctrl_valid' },
  simpleDescs: { '6.12': 'kernel/irq/msi.c:msi_domain_add_simple_msi_descs', '6.1': 'kernel/irq/msi.c:msi_add_simple_msi_descs' },
  freeDescs: { '6.12': 'kernel/irq/msi.c:msi_domain_free_descs', '6.1': 'kernel/irq/msi.c:msi_free_msi_descs_range' },
  allocLocked: { '6.12': 'kernel/irq/msi.c:msi_domain_alloc_locked', '6.1': 'kernel/irq/msi.c:msi_domain_alloc_irqs_descs_locked' },
  allocAt: { '6.12': 'kernel/irq/msi.c:__msi_domain_alloc_irq_at' },
  freeLocked: { '6.12': 'kernel/irq/msi.c:msi_domain_free_locked', '6.1': 'kernel/irq/msi.c:msi_domain_free_irqs_descs_locked' },
  createDomain: { '6.12': 'kernel/irq/msi.c:msi_create_device_irq_domain' },
  // 7.x: msi_create_device_irq_domain runs msi_prepare once with hwsize (ITS ITT sizing) and keeps it.
  prepareAtCreation: { '7.x': 'kernel/irq/msi.c:msi_create_device_irq_domain' },
  // 7.x: allocations copy the domain's alloc_data instead of preparing per call.
  allocInfo: { '7.x': 'kernel/irq/msi.c:populate_alloc_info' },
  createHwsize: { '6.12': 'kernel/irq/msi.c:__msi_create_irq_domain' },
  removeDomain: { '6.12': 'kernel/irq/msi.c:msi_remove_device_irq_domain' },
  getVirq: { '6.12': 'kernel/irq/msi.c:msi_domain_get_virq', '6.1': 'kernel/irq/msi.c:msi_get_virq' },
  freeAllDescs: { '6.12': 'include/linux/msi.h:msi_free_msi_descs', '6.1': 'include/linux/msi.h:msi_free_msi_descs' },
  partition: { design: 'msi-semantics §1.8:partitioned store' },
  listAppend: { history: 'list era:msi_list append (no core index check)' },
  allocVectors: { '6.12': 'drivers/pci/msi/api.c:pci_alloc_irq_vectors_affinity', '6.1': 'drivers/pci/msi/msi.c:pci_alloc_irq_vectors_affinity' },
  enableMsi: { '6.12': 'drivers/pci/msi/msi.c:__pci_enable_msi_range', '6.1': 'drivers/pci/msi/msi.c:__pci_enable_msi_range' },
  msiCapInit: { '6.12': 'drivers/pci/msi/msi.c:msi_capability_init', '6.1': 'drivers/pci/msi/irqdomain.c:pci_msi_domain_check_cap' },
  enableMsix: { '6.12': 'drivers/pci/msi/msi.c:__pci_enable_msix_range', '6.1': 'drivers/pci/msi/msi.c:__pci_enable_msix' },
  validateEntries: { '6.12': 'drivers/pci/msi/msi.c:pci_msix_validate_entries', '6.1': 'drivers/pci/msi/msi.c:__pci_enable_msix' },
  msixDescs: { '6.12': 'drivers/pci/msi/msi.c:msix_setup_msi_descs', '6.1': 'drivers/pci/msi/msi.c:msix_setup_msi_descs' },
  msixDomain: { '6.12': 'drivers/pci/msi/irqdomain.c:pci_setup_msix_device_domain' },
  msiDomain: { '6.12': 'drivers/pci/msi/irqdomain.c:pci_setup_msi_device_domain' },
  // 7.x: the PCI/MSI domain's hwsize is pci_msi_vec_count(), passed before nvec is clamped to maxvec.
  msiDomainHwsize: { '7.x': 'drivers/pci/msi/msi.c:__pci_enable_msi_range', '6.12': 'drivers/pci/msi/irqdomain.c:pci_setup_msi_device_domain' },
  disableMsi: { '6.12': 'drivers/pci/msi/api.c:pci_disable_msi', '6.1': 'drivers/pci/msi/msi.c:pci_disable_msi' },
  disableMsix: { '6.12': 'drivers/pci/msi/api.c:pci_disable_msix', '6.1': 'drivers/pci/msi/msi.c:pci_disable_msix' },
  freeVectors: { '6.12': 'drivers/pci/msi/api.c:pci_free_irq_vectors', '6.1': 'drivers/pci/msi/msi.c:pci_free_irq_vectors' },
  teardown: { '6.12': 'drivers/pci/msi/irqdomain.c:pci_msi_teardown_msi_irqs', '6.1': 'kernel/irq/msi.c:msi_domain_free_irqs' },
  msixAllocAt: { '6.12': 'drivers/pci/msi/api.c:pci_msix_alloc_irq_at' },
  msixFree: { '6.12': 'drivers/pci/msi/api.c:pci_msix_free_irq' },
  irqVector: { '6.12': 'drivers/pci/msi/api.c:pci_irq_vector', '6.1': 'drivers/pci/msi/msi.c:pci_irq_vector' },
  pcimRelease: { '6.12': 'drivers/pci/msi/msi.c:pcim_setup_msi_release', '6.1': 'drivers/pci/msi/msi.c:pcim_setup_msi_release' },
  dataRelease: { '6.12': 'kernel/irq/msi.c:msi_device_data_release', '6.1': 'kernel/irq/msi.c:msi_device_data_release' },
  platformAlloc: {
    '6.12': 'drivers/base/platform-msi.c:platform_device_msi_init_and_alloc_irqs',
    '6.1': 'drivers/base/platform-msi.c:platform_msi_domain_alloc_irqs',
  },
  platformPriv: { '6.1': 'drivers/base/platform-msi.c:platform_msi_alloc_priv_data' },
  platformFree: { '6.12': 'drivers/base/platform-msi.c:platform_device_msi_free_irqs_all', '6.1': 'drivers/base/platform-msi.c:platform_msi_domain_free_irqs' },
  // 7.x: fsl_mc_msi_domain_alloc_irqs goes through platform_device_msi_init_and_alloc_irqs (a device domain of irq_count).
  fslMcDeviceDomain: { '7.x': 'drivers/bus/fsl-mc/fsl-mc-msi.c:fsl_mc_msi_domain_alloc_irqs' },
  fslMcAlloc: { '6.12': 'drivers/bus/fsl-mc/fsl-mc-msi.c:fsl_mc_msi_domain_alloc_irqs', '6.1': 'drivers/bus/fsl-mc/fsl-mc-msi.c:fsl_mc_msi_domain_alloc_irqs' },
  fslMcFree: { '6.12': 'drivers/bus/fsl-mc/fsl-mc-msi.c:fsl_mc_msi_domain_free_irqs', '6.1': 'drivers/bus/fsl-mc/fsl-mc-msi.c:fsl_mc_msi_domain_free_irqs' },
  tiSciAlloc: { '6.12': 'drivers/soc/ti/ti_sci_inta_msi.c:ti_sci_inta_msi_alloc_descs', '6.1': 'drivers/soc/ti/ti_sci_inta_msi.c:ti_sci_inta_msi_alloc_descs' },
  ims: { history: 'drivers/pci/msi/api.c:pci_ims_alloc_irq (6.2–6.11)' },
} satisfies Record<string, Row>;

export type Behaviour = keyof typeof table;

/** The citation of a behaviour in a tree; falls back to the other rows when the tree lacks it. */
export function cite(behaviour: Behaviour, tree: Citation['tree']): Citation {
  const row: Row = table[behaviour];
  const own = tree === '7.x' ? (row['7.x'] ?? row['6.12']) : row[tree];
  const pick = own !== undefined ? tree : (['6.12', '6.1', '7.x', 'design', 'history'] as const).find((t) => row[t] !== undefined);
  const text = own ?? (pick ? (row[pick] ?? '') : '');
  const colon = text.lastIndexOf(':');
  return { tree: pick ?? tree, file: text.slice(0, colon), fn: text.slice(colon + 1) };
}

/** Every 6.12 citation a 7.x tree inherits, as `file:function` (for checking against a 7.x tree). */
export function inheritedBy7x(): string[] {
  return Object.values(table as Record<string, Row>)
    .filter((r) => r['7.x'] === undefined && r['6.12'] !== undefined)
    .map((r) => r['6.12']!);
}

export function citationText(c: Citation): string {
  return `${c.tree} ${c.file}:${c.fn}`;
}
