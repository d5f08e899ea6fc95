// pci_device_id tables and driver registrations (struct pci_driver / platform_driver / …),
// read lexically from comment-blanked text so that kernel macros around them do not matter.
import { lineStarts, matchBracket, splitTopLevel } from './c-text';
import { evaluate, type ConstEnv } from './const-eval';
import { offsetRange } from '../parse/node-range';
import type { DriverInfo, PciIdEntry } from './types';

const tableRe = /\bstruct\s+pci_device_id\s+(\w+)\s*\[[^\]]*\]\s*(?:__\w+\s*)*=\s*\{/g;

function constant(text: string, env: ConstEnv): number | undefined {
  return evaluate(text, env).value;
}

/** vendor/device of one table entry: PCI_DEVICE(v, d), PCI_VDEVICE(VEND, d), PCI_DEVICE_DATA(VEND, DEV, x), { .vendor = …, .device = … } or { v, d, … }. */
function entryIds(entry: string, env: ConstEnv): { vendor: number; device: number } | undefined {
  const inner = entry.replace(/^\{\s*/, '').replace(/\s*\}$/, '');
  const macro = /^(PCI_DEVICE|PCI_VDEVICE|PCI_DEVICE_DATA|PCI_DEVICE_SUB)\s*\(([\s\S]*?)\)/.exec(inner);
  let vendor: number | undefined;
  let device: number | undefined;
  if (macro) {
    const a = splitTopLevel(macro[2]!);
    if (macro[1] === 'PCI_VDEVICE') {
      vendor = constant(`PCI_VENDOR_ID_${a[0]}`, env);
      device = constant(a[1] ?? '', env);
    } else if (macro[1] === 'PCI_DEVICE_DATA') {
      vendor = constant(`PCI_VENDOR_ID_${a[0]}`, env);
      device = constant(`PCI_DEVICE_ID_${a[0]}_${a[1]}`, env);
    } else {
      vendor = constant(a[0] ?? '', env);
      device = constant(a[1] ?? '', env);
    }
  } else {
    const v = /\.vendor\s*=\s*([^,}]+)/.exec(inner);
    const d = /\.device\s*=\s*([^,}]+)/.exec(inner);
    const pos = splitTopLevel(inner);
    vendor = constant(v ? v[1]! : (pos[0] ?? ''), env);
    device = constant(d ? d[1]! : (pos[1] ?? ''), env);
  }
  return vendor !== undefined && device !== undefined && vendor !== 0 ? { vendor, device } : undefined;
}

/** `starts`: the text's line starts when the caller has them (blanking keeps every newline). */
export function pciIdTables(clean: string, env: ConstEnv, starts?: number[]): PciIdEntry[] {
  const out: PciIdEntry[] = [];
  // Most files with MSI calls have no ID table: one substring test spares the regex scan.
  if (!clean.includes('pci_device_id')) return out;
  starts ??= lineStarts(clean);
  tableRe.lastIndex = 0;
  for (let m = tableRe.exec(clean); m; m = tableRe.exec(clean)) {
    const open = m.index + m[0].length - 1;
    const close = matchBracket(clean, open);
    if (close < 0) continue;
    let offset = open + 1;
    for (const part of splitTopLevel(clean.slice(open + 1, close))) {
      const at = clean.indexOf(part, offset);
      if (at >= 0) offset = at + part.length;
      if (!part.startsWith('{')) continue;
      const ids = entryIds(part, env);
      if (ids) out.push({ ...ids, table: m[1]!, range: offsetRange(starts, at, at + part.length) });
    }
    tableRe.lastIndex = close;
  }
  return out;
}

const driverTypes: Record<string, DriverInfo['bus']> = {
  pci_driver: 'pci',
  platform_driver: 'platform',
  auxiliary_driver: 'auxiliary',
  mdev_driver: 'mdev',
  fsl_mc_driver: 'fsl-mc',
  cdx_driver: 'cdx',
};
const driverRe = /\bstruct\s+(pci_driver|platform_driver|auxiliary_driver|mdev_driver|fsl_mc_driver|cdx_driver)\s+(\w+)\s*(?:__\w+\s*)*=\s*\{/g;

function field(body: string, name: string): string | undefined {
  const m = new RegExp(String.raw`\.${name}\s*=\s*&?\s*([A-Za-z_]\w*)`).exec(body);
  return m?.[1];
}

export function driverStructs(clean: string, starts?: number[]): DriverInfo[] {
  const out: DriverInfo[] = [];
  if (!clean.includes('_driver')) return out;
  starts ??= lineStarts(clean);
  driverRe.lastIndex = 0;
  for (let m = driverRe.exec(clean); m; m = driverRe.exec(clean)) {
    const open = m.index + m[0].length - 1;
    const close = matchBracket(clean, open);
    if (close < 0) continue;
    const body = clean.slice(open, close + 1);
    const info: DriverInfo = { name: m[2]!, bus: driverTypes[m[1]!] ?? 'other', range: offsetRange(starts, m.index, close + 1) };
    const probe = field(body, 'probe');
    const remove = field(body, 'remove') ?? field(body, 'remove_new');
    const idTable = field(body, 'id_table');
    if (probe) info.probe = probe;
    if (remove) info.remove = remove;
    if (idTable) info.idTable = idTable;
    out.push(info);
    driverRe.lastIndex = close;
  }
  return out;
}
