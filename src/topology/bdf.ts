// Bus/device/function text <-> numbers. Canonical form is "dddd:bb:ss.f" (lspci -D).

export interface Bdf {
  domain: number;
  bus: number;
  devfn: number;
}

const bdfRe = /^(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])$/;

/** Parses "bb:ss.f" or "dddd:bb:ss.f"; undefined when malformed or out of range. */
export function parseBdf(text: string): Bdf | undefined {
  const m = bdfRe.exec(text.trim());
  if (!m) return undefined;
  const slot = parseInt(m[3]!, 16);
  if (slot > 0x1f) return undefined;
  return { domain: m[1] ? parseInt(m[1], 16) : 0, bus: parseInt(m[2]!, 16), devfn: (slot << 3) | Number(m[4]) };
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

export function formatBdf(b: Bdf): string {
  return `${hex(b.domain, 4)}:${hex(b.bus, 2)}:${hex(b.devfn >> 3, 2)}.${b.devfn & 7}`;
}

/** Requester ID `bus << 8 | devfn` (PCI_DEVID). */
export function rid(bus: number, devfn: number): number {
  return ((bus & 0xff) << 8) | (devfn & 0xff);
}

/** "0x0400". */
export function formatRid(r: number): string {
  return `0x${hex(r, 4)}`;
}

/** "04:00.0" for a requester ID. */
export function ridToBdfText(r: number): string {
  return `${hex(r >> 8, 2)}:${hex((r >> 3) & 0x1f, 2)}.${r & 7}`;
}

export function busKey(domain: number, bus: number): string {
  return `${hex(domain, 4)}:${hex(bus, 2)}`;
}
