// What a path knows about the indices a lookup asks for (`pci_irq_vector(pdev, i)` in a loop):
// the loop's bound holds an allocation's granted count, or only the count it requested; and a
// lookup on probe's own device before anything was allocated on it.
import type { MsiFact } from '../../facts/types';
import type { StoreOp } from '../store/types';
import { apiOp } from './api-ops';
import type { PathState, Phase } from './replay-state';
import { isRes } from './values';
import type { Frame } from './walk-interface';

/** `for (i = 0; i < n; i++) pci_irq_vector(pdev, i)` with n holding an allocation's count. */
export function loopBound(s: PathState, fact: MsiFact, frame: Frame): { fact: number; inclusive: boolean } | undefined {
  const lb = fact.index?.loopBound;
  if (!lb) return undefined;
  const v = s.env.get(`${frame.id}:${lb.bound.trim()}`);
  return v && isRes(v) ? { fact: v.fact, inclusive: lb.inclusive } : undefined;
}

/**
 * `for (i = 0; i < nvec; i++) pci_irq_vector(pdev, i)` where nvec is what an earlier
 * allocation on this path asked for as max_vecs, not what it granted (it may grant fewer).
 */
export function requestBound(s: PathState, fact: MsiFact, factOf: (id: number) => MsiFact | undefined): MsiFact | undefined {
  const lb = fact.index?.loopBound;
  if (!lb || (apiOp(fact.api).op !== 'pci-irq-vector' && apiOp(fact.api).op !== 'get-virq')) return undefined;
  const bound = lb.bound.trim();
  for (const id of Object.values(s.requests)) {
    const alloc = factOf(id);
    // The bound names the requested count only in the function that made the request: another
    // function's local of the same name (mpi3mr_sync_irqs' max_vectors) is another variable.
    if (!alloc || alloc.file !== fact.file || alloc.function !== fact.function) continue;
    if (apiOp(alloc.api).returns !== 'count' || alloc.max?.text.trim() !== bound) continue;
    const exact = alloc.min?.value !== undefined && alloc.min.value === alloc.max.value;
    if (!exact && s.settled[id] !== 'failed') return alloc;
  }
  return undefined;
}

/**
 * A lookup on the probe's own PCI device before anything was allocated on it: the driver core
 * hands probe a device with neither MSI nor MSI-X enabled, so the state is known to be empty,
 * as long as no call the walk could not follow may have set up vectors in between.
 */
export function pristine(s: PathState, key: string, op: StoreOp, phase: Phase, probeDevice: string | undefined): boolean {
  if (op.op !== 'pci-irq-vector' || phase !== 'probe' || s.unfollowed) return false;
  return key === probeDevice && (s.store.devices[key]?.pciModes ?? ['none']).every((m) => m === 'none');
}
