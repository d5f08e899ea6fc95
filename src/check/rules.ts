// Rule metadata: one row per stable code. The SARIF writer, the docs links of every face and
// the severity overrides read this table; messages themselves are built where a rule fires.
import type { RuleCode, Severity } from '../vocabulary/finding';
import { installedRuleDoc } from './rule-docs';

export interface RuleInfo {
  code: RuleCode;
  /** Short title, e.g. for SARIF `shortDescription`. */
  title: string;
  /** One sentence of what the kernel does. */
  summary: string;
  /** Severity when the violation is definite. */
  defaultSeverity: Severity;
}

const rows: RuleInfo[] = [
  {
    code: 'msi/index-conflict',
    title: 'MSI index allocated twice while live',
    summary: 'xa_insert() returns -EBUSY for an occupied index; duplicate msix_entry values and re-enabling an enabled mode give -EINVAL.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/index-out-of-range',
    title: 'MSI index or range beyond the domain size',
    summary: 'msi_insert_desc() returns -ERANGE for index >= hwsize; msi_ctrl_valid() WARNs and fails for a range beyond hwsize.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/range-inverted',
    title: 'Inverted or empty MSI range',
    summary: 'first > last, max_vecs < min_vecs or a count of 0 makes the core WARN and return -EINVAL or -ERANGE.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/domain-missing',
    title: 'No MSI device domain in that slot',
    summary: 'Allocating or freeing in a domain id with no device domain WARNs in msi_ctrl_valid() and fails or does nothing.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/domain-id-invalid',
    title: 'MSI domain id beyond MSI_MAX_DEVICE_IRQDOMAINS',
    summary: 'A domid >= MSI_MAX_DEVICE_IRQDOMAINS WARNs and fails, or indexes __domains[] out of bounds.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/partition-crossing',
    title: 'Range leaves its partition window',
    summary: 'In the partitioned single-store layout a request that leaves its window is rejected.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/msi-msix-exclusive',
    title: 'MSI and MSI-X enabled on one device',
    summary: 'Each enable path rejects the other mode with -EINVAL.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/multi-msi-limit',
    title: 'Multi-MSI count the hardware cannot provide',
    summary: 'MSI provides at most 32 vectors; min_vecs above the device or platform limit gives -ENOSPC.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/dynamic-msix-unsupported',
    title: 'Dynamic MSI-X without its preconditions',
    summary: 'pci_msix_alloc_irq_at() returns -ENOTSUPP unless MSI-X is enabled and the parent supports dynamic allocation.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/vector-unallocated',
    title: 'Lookup of a vector that is not allocated',
    summary: 'pci_irq_vector() returns -EINVAL and msi_get_virq() returns 0 for an index without a descriptor.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/free-unallocated',
    title: 'Free of something not allocated',
    summary: 'Freeing a free slot or the mode that is not enabled is a silent no-op (or a WARN), leaving the real vectors allocated.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/leak',
    title: 'MSI vectors still allocated at the end of a lifetime',
    summary: 'msi_device_data_release() WARNs on a non-empty store and the mode stays enabled, so the next probe fails.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/msix-table-overflow',
    title: 'Index or count beyond the MSI-X table',
    summary: 'An entry beyond the table gives -EINVAL (6.1) or -ERANGE (6.12); an exact count above the table gives -ENOSPC.',
    defaultSeverity: 'error',
  },
  {
    code: 'msi/descs-unlocked',
    title: 'Locked MSI API called without the descriptor lock',
    summary:
      "The *_locked APIs expect the caller to hold the device's MSI descriptor mutex (lockdep_assert_held): msi_lock_descs() until 6.x, guard(msi_descs_lock) in 7.x.",
    defaultSeverity: 'warning',
  },
  {
    code: 'msi/api-not-in-era',
    title: 'API not present in the selected era',
    summary: 'The called function or constant does not exist in the target tree.',
    defaultSeverity: 'warning',
  },
  {
    code: 'msi/result-unchecked',
    title: 'Allocation result never tested',
    summary:
      'pci_alloc_irq_vectors() and pci_enable_msix_range() return the count granted or a negative errno; a driver that never tests it goes on without vectors, and pci_irq_vector() returns -EINVAL.',
    defaultSeverity: 'warning',
  },
  {
    code: 'msi/impossible-success-test',
    title: 'Success test no return value passes',
    summary: 'A count-returning allocation returns at least min_vecs (>= 1) or a negative errno, never 0: `if (!ret)` and `if (ret == 0)` are never true.',
    defaultSeverity: 'warning',
  },
  {
    code: 'msi/index-from-requested',
    title: 'Index bounded by the requested, not the granted, count',
    summary:
      'pci_alloc_irq_vectors() may grant fewer than max_vecs; pci_irq_vector() returns -EINVAL and msi_get_virq() 0 for indices from the granted count up.',
    defaultSeverity: 'warning',
  },
  {
    code: 'attr/subdevice-descriptor',
    title: 'Descriptor allocated on a sub-device',
    summary: 'The allocating device is not what the IOMMU and remapper see.',
    defaultSeverity: 'error',
  },
  {
    code: 'attr/shared-requester-id',
    title: 'Requester ID shared after aliasing',
    summary: 'Several functions share one hardware ID for the MSI consumer.',
    defaultSeverity: 'warning',
  },
  {
    code: 'attr/no-iommu-context',
    title: 'No IOMMU context for the allocating device',
    summary: 'The MSI doorbell may not be mapped for the device that writes it.',
    defaultSeverity: 'warning',
  },
];

export const rules: ReadonlyMap<RuleCode, RuleInfo> = new Map(rows.map((r) => [r.code, r]));

export const allRuleCodes: RuleCode[] = rows.map((r) => r.code);

/** The documentation page a diagnostic links to. */
/** The rule's doc page (docs/rules/<code>.md) shipped with the package, as a file: URI. */
export function ruleHelpUri(code: RuleCode): string | undefined {
  return installedRuleDoc(code);
}

export function isRuleCode(text: string): text is RuleCode {
  return rules.has(text as RuleCode);
}
