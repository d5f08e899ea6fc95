// The checks of __pci_enable_msi_range / __pci_enable_msix_range as data: each check is a
// named function, each tree lists them in the order its code runs them (the 6.1 MSI-X path
// validates the table and the entries before it looks at MSI; 6.12 looks at MSI first).
import { show } from './interval';
import { cited, fail, note } from './outcome';
import { slot } from './state';
import { sameSite } from './blocks';
import type { Block, Certainty, DeviceStoreState, Interval, ModeOwner, Outcome, StoreState, Tree } from './types';

export interface EnableCtx {
  state: StoreState;
  dev: DeviceStoreState;
  out: Outcome;
  min: Interval;
  /** maxvec after the unsigned -> int conversion. */
  max: Interval;
  /** maxvec as written (for messages). */
  rawMax: Interval;
  /** msix_entry slots limited to maxvec (MSI-X only). */
  entries: number[] | null;
  /** Known MSI-X table size, null when run-time. */
  table: number | null;
  /** The vector count after clamping to the table (MSI-X only). */
  top: number;
}

/** A check returns true when the enable surely fails here (the outcome is recorded). */
type Check = (c: EnableCtx) => boolean;

export function modeCertainty(dev: DeviceStoreState, mode: 'msi' | 'msix'): Certainty | null {
  if (!dev.pciModes.includes(mode)) return null;
  return dev.pciModes.length === 1 ? 'definite' : 'possible';
}

const showMax = (c: EnableCtx): string => (c.max === c.rawMax ? show(c.rawMax) : `${show(c.rawMax)} (int -1)`);

const checks = {
  /** maxvec < minvec: -ERANGE. */
  inverted: (c) =>
    c.max.max !== null &&
    c.max.max < c.min.min &&
    !!fail(c.out, { errno: '-ERANGE', certainty: 'definite', kind: 'maxvec-below-minvec', detail: `maxvec ${showMax(c)} < minvec ${show(c.min)}` }),
  /** pci_msi_supported(dev, minvec) for MSI: nvec < 1 fails. */
  minvecSupported: (c) =>
    c.min.max !== null &&
    c.min.max < 1 &&
    !!fail(c.out, { errno: '-EINVAL', certainty: 'definite', kind: 'count-not-positive', detail: `minvec ${show(c.min)} < 1: pci_msi_supported() fails` }),
  /** pci_msi_supported(dev, maxvec) for MSI-X. */
  nvecSupported: (c) =>
    c.max.max !== null &&
    c.max.max < 1 &&
    !!fail(c.out, { errno: '-EINVAL', certainty: 'definite', kind: 'count-not-positive', detail: `nvec ${show(c.rawMax)} < 1: pci_msi_supported() fails` }),
  /** MSI enabled while enabling MSI-X: "can't enable MSI-X (MSI already enabled)". */
  msiBlocksMsix: (c) => modeCheck(c, 'msi', 'other-mode-enabled', "can't enable MSI-X (MSI already enabled)", false),
  /** MSI-X enabled while enabling MSI: "can't enable MSI (MSI-X already enabled)". */
  msixBlocksMsi: (c) => modeCheck(c, 'msix', 'other-mode-enabled', "can't enable MSI (MSI-X already enabled)", false),
  /** WARN_ON_ONCE(dev->msix_enabled): its slots are still allocated. */
  msixAgain: (c) => modeCheck(c, 'msix', 'mode-already-enabled', 'MSI-X is already enabled: its slots are still allocated', true),
  /** WARN_ON_ONCE(dev->msi_enabled): index 0 still holds its descriptor. */
  msiAgain: (c) => modeCheck(c, 'msi', 'mode-already-enabled', 'MSI is already enabled: index 0 still holds its descriptor', true),
  /** After a join every possible mode may block on its own: then the enable surely fails. */
  eitherMode: (c) => {
    if (!c.dev.pciModes.every((m) => m === 'msi' || m === 'msix')) return false;
    c.out.status = 'error';
    c.out.errno = '-EINVAL';
    note(c.out, 'MSI or MSI-X is enabled on every path here');
    return true;
  },
  noMsixCapability: (c) =>
    c.dev.caps.msixTableSize === 0 && !!fail(c.out, { errno: '-EINVAL', certainty: 'definite', detail: 'the device has no MSI-X capability' }),
  /** 6.12 pci_msix_validate_entries: duplicates over maxvec entries. */
  duplicatesOverMax: (c) => duplicate(c, c.entries),
  /** 6.1 __pci_enable_msix: duplicates over the current (clamped) nvec. */
  duplicatesOverNvec: (c) => duplicate(c, c.entries ? c.entries.slice(0, c.top) : null),
  /** nvec clamped to the table is below minvec: -ENOSPC. */
  tableTooSmall: (c) =>
    c.top < c.min.min &&
    !!fail(c.out, {
      errno: '-ENOSPC',
      certainty: 'definite',
      kind: 'msix-table-too-small',
      detail: `the MSI-X table has ${c.table} entries, fewer than minvec ${show(c.min)}`,
    }),
  /** 6.1 __pci_enable_msix: entry >= table size gives -EINVAL. */
  entryBeyondTable: (c) => {
    const t = c.table;
    const bad = t === null || !c.entries ? undefined : c.entries.slice(0, c.top).find((e) => e >= t);
    if (bad === undefined) return false;
    cited(c.out, c.state, 'validateEntries');
    return !!fail(c.out, { errno: '-EINVAL', certainty: 'definite', kind: 'entry-beyond-msix-table', detail: `msix_entry ${bad} >= table size ${t}` });
  },
} satisfies Record<string, Check>;

export type CheckName = keyof typeof checks;

/** The order each tree's __pci_enable_msix_range runs its checks in. */
export const msixOrder: Record<Tree, CheckName[]> = {
  '6.12': ['inverted', 'msiBlocksMsix', 'msixAgain', 'eitherMode', 'nvecSupported', 'noMsixCapability', 'duplicatesOverMax', 'tableTooSmall'],
  // 7.3 drivers/pci/msi/msi.c:__pci_enable_msix_range keeps 6.12's order.
  '7.x': ['inverted', 'msiBlocksMsix', 'msixAgain', 'eitherMode', 'nvecSupported', 'noMsixCapability', 'duplicatesOverMax', 'tableTooSmall'],
  '6.1': ['inverted', 'msixAgain', 'nvecSupported', 'noMsixCapability', 'tableTooSmall', 'entryBeyondTable', 'duplicatesOverNvec', 'msiBlocksMsix'],
};

/** __pci_enable_msi_range: the same order in both trees (the MSI count checks follow in pci-enable). */
export const msiOrder: CheckName[] = ['minvecSupported', 'msixBlocksMsi', 'inverted', 'msiAgain', 'eitherMode'];

/** Run checks in order; true when one of them surely fails the enable. */
export function runChecks(order: CheckName[], c: EnableCtx): boolean {
  return order.some((name) => checks[name](c));
}

function modeCheck(c: EnableCtx, mode: 'msi' | 'msix', kind: 'other-mode-enabled' | 'mode-already-enabled', detail: string, warn: boolean): boolean {
  const certainty = modeCertainty(c.dev, mode);
  if (!certainty) return false;
  const held = slot(c.state, c.dev, 0).blocks.filter((b) => b.mode === mode);
  if (kind === 'other-mode-enabled') c.out.enabledBy = owners(held, mode, certainty);
  if (kind === 'mode-already-enabled') {
    c.out.collisions.push(
      ...held.map((b) => ({
        domain: 0,
        first: b.first,
        last: b.last,
        certainty: b.certainty === 'definite' && certainty === 'definite' ? ('definite' as const) : ('possible' as const),
        owner: b.site,
      })),
    );
  }
  fail(c.out, { errno: '-EINVAL', certainty, kind, detail, warn });
  return certainty === 'definite';
}

/** One owner per enabling call site: the other half every exclusivity finding names. */
function owners(held: Block[], mode: 'msi' | 'msix', certainty: Certainty): ModeOwner[] {
  const out: ModeOwner[] = [];
  for (const b of held) {
    if (out.some((o) => sameSite(o.owner, b.site))) continue;
    out.push({ mode, certainty: b.certainty === 'definite' && certainty === 'definite' ? 'definite' : 'possible', owner: b.site });
  }
  return out;
}

function duplicate(c: EnableCtx, entries: number[] | null): boolean {
  if (!entries) return false;
  const dup = entries.find((e, i) => entries.indexOf(e) !== i);
  if (dup === undefined) return false;
  cited(c.out, c.state, 'validateEntries');
  fail(c.out, { errno: '-EINVAL', certainty: 'definite', kind: 'duplicate-entry', detail: `msix_entry ${dup} appears twice` });
  return true;
}
