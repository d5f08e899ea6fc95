// The one definite ITS failure of msi-semantics S17: two functions share a DeviceID without a
// bridge (firmware msi-map collapse), so the ITT is sized for whichever allocates first
// (its_pci_msi_prepare) and never resized (its_msi_prepare reuses the device). When the second
// caller's min_vecs exceeds the events left in either order, the allocation fails (-ENOSPC).
import { ittEvents, type ItsEra } from '../../model/iommu/index';
import type { PciFunction } from '../../topology/types';
import type { MsiFact } from '../../facts/types';

export interface ItsUser {
  fn: PciFunction;
  fact: MsiFact;
}

interface Request {
  min: number;
  max: number;
  hwsize?: number;
}

/** The domain's hwsize the ITT is sized by: the MSI-X table; in 7.x also the MSI vector count. */
function requestOf(u: ItsUser, era: ItsEra): Request | undefined {
  const { fact } = u;
  const max = fact.max?.value ?? fact.count?.value;
  const min = fact.min?.value ?? fact.count?.value;
  if (max === undefined || min === undefined) return undefined;
  const msixOnly = fact.flags?.length === 1 && fact.flags[0] === 'PCI_IRQ_MSIX';
  const msiOnly = fact.flags?.length === 1 && fact.flags[0] === 'PCI_IRQ_MSI';
  const hwsize = msixOnly ? u.fn.msix?.tableSize : msiOnly && era === '7.x' ? u.fn.msi?.maxCount : undefined;
  return { min, max, ...(hwsize !== undefined ? { hwsize } : {}) };
}

/** Events left for `second` after `first` took its maximum from an ITT sized for itself. */
function secondFails(first: Request, second: Request, deviceId: number, era: ItsEra): { events: number; left: number } | undefined {
  const events = ittEvents({ nvec: first.max, ...(first.hwsize !== undefined ? { hwsize: first.hwsize } : {}), aliasCount: 0, deviceId, era });
  const left = events - Math.min(first.max, events);
  return second.min > left ? { events, left } : undefined;
}

/** A sentence for the finding when the sharing fails in both orders; undefined otherwise. */
export function definiteIttExhaustion(a: ItsUser, b: ItsUser, deviceId: number, era: ItsEra): string | undefined {
  const ra = requestOf(a, era);
  const rb = requestOf(b, era);
  if (!ra || !rb) return undefined;
  const ab = secondFails(ra, rb, deviceId, era);
  const ba = secondFails(rb, ra, deviceId, era);
  if (!ab || !ba) return undefined;
  return `whichever allocates second fails: after ${a.fn.bdf} the shared ITT (${ab.events} events) has ${ab.left} left for ${b.fn.bdf}'s min_vecs ${rb.min}; after ${b.fn.bdf} it has ${ba.left} left for ${ra.min}`;
}
