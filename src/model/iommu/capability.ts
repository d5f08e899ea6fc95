// capabilityFor: the real MSI / MSI-X capability sizes of the function(s) a driver binds to, for
// msi/msix-table-overflow and msi/multi-msi-limit. When one driver binds several functions the
// largest sizes are returned, so a rule using them only fires when every function overflows.
import type { Topology } from '../../topology/types';
import { bindDriver, type BindSubject } from './binding';

export interface Capability {
  msixTableSize?: number;
  msiCount?: number;
  bdf?: string;
  /** How the driver was bound to the topology. */
  how: string;
}

export function capabilityFor(topology: Topology | undefined, bindings: Record<string, string> | undefined, who: string | BindSubject): Capability | undefined {
  if (!topology) return undefined;
  const subject: BindSubject = typeof who === 'string' ? { file: who } : who;
  const b = bindDriver(topology, subject, bindings);
  if (!b) return undefined;
  const out: Capability = { how: b.how };
  for (const f of b.functions) {
    if (f.msix && (out.msixTableSize === undefined || f.msix.tableSize > out.msixTableSize)) {
      out.msixTableSize = f.msix.tableSize;
      out.bdf = f.bdf;
    }
    if (f.msi && (out.msiCount === undefined || f.msi.maxCount > out.msiCount)) out.msiCount = f.msi.maxCount;
  }
  out.bdf ??= b.functions[0]?.bdf;
  return out;
}
