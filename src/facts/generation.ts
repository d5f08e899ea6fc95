// The 7.x MSI core, as the changes a tree's headers show (docs/allocator-model.md "The 7.x core").
// Each change is one row: where a tree declares it, how to see it, and what it does to a driver.
// A tree with every change is "7.x per-domain"; one with some of them is named by what it has.

export interface CoreChange {
  /** Short name for labels. */
  name: string;
  /** The header (relative to the tree root) that shows it. */
  header: string;
  /** True when the header text (comments blanked) shows the change. */
  test: (raw: (relPath: string) => string | undefined) => boolean;
}

const has =
  (header: string, re: RegExp) =>
  (raw: (relPath: string) => string | undefined): boolean =>
    re.test(raw(header) ?? '');

export const sevenX: readonly CoreChange[] = [
  // msi_lock_descs()/msi_unlock_descs() became __msi_lock_descs() behind a lock guard.
  { name: 'guard(msi_descs_lock)', header: 'include/linux/msi.h', test: has('include/linux/msi.h', /DEFINE_LOCK_GUARD_1\s*\(\s*msi_descs_lock\b/) },
  // msi_create_device_irq_domain() runs msi_prepare with hwsize and keeps the result (info->alloc_data).
  { name: 'device domains prepared at creation', header: 'include/linux/msi.h', test: has('include/linux/msi.h', /\bmsi_alloc_info_t\s*\*\s*alloc_data\s*;/) },
  // __pci_enable_msi_range() passes the MSI vector count to pci_setup_msi_device_domain().
  {
    name: 'PCI/MSI domain hwsize = vector count',
    header: 'drivers/pci/msi/msi.h',
    test: has('drivers/pci/msi/msi.h', /\bpci_setup_msi_device_domain\s*\(\s*struct\s+pci_dev\s*\*\s*\w+\s*,\s*unsigned\s+int\s+hwsize\s*\)/),
  },
];

export function sevenXLabel(found: readonly CoreChange[], maxDomains: number): string {
  const what = found.map((c) => c.name).join(', ');
  const missing = sevenX.filter((c) => !found.includes(c)).map((c) => c.name);
  return missing.length === 0
    ? `7.x per-domain (MSI_MAX_DEVICE_IRQDOMAINS = ${maxDomains}; ${what})`
    : `per-domain between 6.12 and 7.x (MSI_MAX_DEVICE_IRQDOMAINS = ${maxDomains}; has ${what}; lacks ${missing.join(', ')}: modelled as 6.12)`;
}
