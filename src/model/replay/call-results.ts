// What the kernel's MSI calls return, as values of the replay: an allocation's result per outcome
// (the API's return convention), and pci_msix_vec_count()'s table size.
import type { MsiFact } from '../../facts/types';
import { apiOp } from './api-ops';
import { BIG, errnoRange, num, top, type Num, type Val } from './values';

/** What an allocation's call returns, per outcome (the kernel's return convention of the API). */
export function resultValue(fact: MsiFact, id: number): Val | undefined {
  const file = fact.file;
  const ok = (lo: number, hi: number): Val => ({ fact: id, file, ok: num(lo, hi), failed: errnoRange });
  switch (apiOp(fact.api).returns) {
    case 'count':
      return ok(Math.max(1, fact.min?.value ?? fact.min?.min ?? 1), fact.max?.value ?? fact.max?.max ?? BIG);
    case 'zero':
      return ok(0, 0);
    case 'bool':
      return { fact: id, file, ok: num(1), failed: num(0) };
    case 'map':
      return { fact: id, file, ok: top, failed: top, fields: { index: { ok: num(0, 65535), failed: errnoRange }, virq: { ok: num(1, BIG), failed: num(0) } } };
    default:
      return undefined;
  }
}

/** pci_msix_vec_count(): the table size, or a negative errno when the device has no MSI-X. */
export const tableSize: Num = { lo: -4095, hi: 2048, table: true };
/** The same on a device with MSI-X vectors allocated: it has the capability, so 1..2048 entries. */
export const enabledTableSize: Num = { lo: 1, hi: 2048, table: true };
/** Where a path notes that a device's whole MSI-X table was allocated. */
export const wholeTableKey = (device: string): string => `#whole-table:${device}`;
