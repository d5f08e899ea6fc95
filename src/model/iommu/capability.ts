// capabilityFor: the real MSI / MSI-X capability sizes of the function(s) a driver binds to, for
// the MSI-X table size and multi-MSI checks of the store. 0 means the topology shows the capability is
// absent; undefined means unknown (capabilities not readable, e.g. lspci without root or a
// sysfs listing). When one driver binds several functions the largest sizes are returned, so a
// rule using them only fires when every function overflows.
import type { PciFunction, Topology } from '../../topology/types';
import { bindDriver, type BindSubject } from './binding';

export interface Capability {
  msixTableSize?: number;
  msiCount?: number;
  bdf?: string;
  /** How the driver was bound to the topology. */
  how: string;
}

function largest(fns: PciFunction[], size: (f: PciFunction) => number): { value: number; bdf?: string } {
  let best: { value: number; bdf?: string } = { value: 0 };
  for (const f of fns) if (size(f) > best.value) best = { value: size(f), bdf: f.bdf };
  return best;
}

export function capabilityFor(topology: Topology | undefined, bindings: Record<string, string> | undefined, who: string | BindSubject): Capability | undefined {
  if (!topology) return undefined;
  const subject: BindSubject = typeof who === 'string' ? { file: who } : who;
  const b = bindDriver(topology, subject, bindings);
  if (!b) return undefined;
  const out: Capability = { how: b.how, bdf: b.functions[0]?.bdf };
  if (!b.functions.every((f) => f.capsReadable)) return out;
  const msix = largest(b.functions, (f) => f.msix?.tableSize ?? 0);
  const msi = largest(b.functions, (f) => f.msi?.maxCount ?? 0);
  out.msixTableSize = msix.value;
  out.msiCount = msi.value;
  out.bdf = msix.bdf ?? msi.bdf ?? out.bdf;
  return out;
}
