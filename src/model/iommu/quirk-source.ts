// Reads the DMA-alias quirk registrations out of a kernel tree's drivers/pci/quirks.c (with
// include/linux/pci_ids.h for the vendor and device macros). Used when the workspace is a kernel
// tree, and to derive the built-in table (quirk-table.ts) from 6.12. Registrations whose IDs
// cannot be resolved are reported, never dropped silently.
import { splitTopLevel } from '../../facts/c-text';
import { quirkHooks, type QuirkRow } from './quirk-kinds';

export interface QuirkSourceResult {
  rows: QuirkRow[];
  /** Registrations of an alias hook that could not be turned into a row. */
  problems: { line: number; message: string }[];
}

/** `#define PCI_VENDOR_ID_X 0x1234` -> { PCI_VENDOR_ID_X: 0x1234 }. */
export function parsePciIdMacros(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^#define\s+(PCI_\w+)\s+(0x[0-9a-fA-F]+|\d+)\b/gm)) {
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

function resolveId(token: string, ids: Map<string, number>): number | undefined {
  const t = token.replace(/\/\*[\s\S]*?\*\//g, '').trim();
  if (/^(0x[0-9a-fA-F]+|\d+)$/.test(t)) return Number(t);
  return ids.get(t);
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Subsystem matches of `fixed_dma_alias_tbl` (PCI_DEVICE_SUB rows). */
function fixedAliasSubsystems(text: string, ids: Map<string, number>): { device: number; vendor: number; subVendor: number; subDevice: number }[] {
  const table = /fixed_dma_alias_tbl\[\]\s*=\s*\{([\s\S]*?)\n\};/.exec(text);
  if (!table) return [];
  const out = [];
  for (const m of table[1]!.matchAll(/PCI_DEVICE_SUB\(([^)]*)\)/g)) {
    const [v, d, sv, sd] = splitTopLevel(m[1]!).map((a) => resolveId(a, ids));
    if (v !== undefined && d !== undefined && sv !== undefined && sd !== undefined) out.push({ vendor: v, device: d, subVendor: sv, subDevice: sd });
  }
  return out;
}

/** Registrations through the Switchtec wrapper macros: their vendor comes from the #define body. */
function switchtecMacros(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/#define\s+(SWITCHTEC\w*QUIRK)\(\w+\)\s*\\\s*DECLARE_PCI_FIXUP_CLASS_FINAL\((\w+)/g)) out.set(m[1]!, m[2]!);
  return out;
}

export function parseQuirkSource(quirksC: string, pciIdsH: string): QuirkSourceResult {
  const ids = parsePciIdMacros(pciIdsH);
  // Comments would hide nothing we need but can contain commas; strip them keeping offsets.
  const text = quirksC.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const rows: QuirkRow[] = [];
  const problems: QuirkSourceResult['problems'] = [];
  const fixed = fixedAliasSubsystems(text, ids);
  const fixupRe = /^\s*DECLARE_PCI_FIXUP_(HEADER|FINAL|CLASS_HEADER|CLASS_FINAL)\(([^;]*?)\)\s*;/gm;
  for (const m of text.matchAll(fixupRe)) {
    const args = splitTopLevel(m[2]!);
    const hook = args[args.length - 1]!;
    const kind = quirkHooks[hook];
    if (!kind) continue;
    const line = lineOf(text, m.index + m[0].indexOf('DECLARE'));
    const vendor = resolveId(args[0]!, ids);
    const device = resolveId(args[1]!, ids);
    if (vendor === undefined || device === undefined) {
      problems.push({ line, message: `cannot resolve ${args[0]}, ${args[1]} for ${hook}` });
      continue;
    }
    const phase = m[1]!.endsWith('HEADER') ? 'HEADER' : 'FINAL';
    const classMatch = m[1]!.startsWith('CLASS') ? resolveId(args[2]!, ids) : undefined;
    if (kind === 'FIXED_01_0') {
      for (const f of fixed.filter((x) => x.vendor === vendor && x.device === device)) {
        rows.push({ vendor, device, kind, phase, line, subsystem: { vendor: f.subVendor, device: f.subDevice } });
      }
      continue;
    }
    rows.push({ vendor, device, kind, phase, line, ...(classMatch !== undefined ? { classMatch } : {}) });
  }
  for (const [macro, vendorName] of switchtecMacros(text)) {
    const vendor = ids.get(vendorName);
    const callRe = new RegExp(`^${macro}\\((0x[0-9a-fA-F]+)\\);`, 'gm');
    for (const m of text.matchAll(callRe)) {
      const line = lineOf(text, m.index);
      if (vendor === undefined) {
        problems.push({ line, message: `cannot resolve ${vendorName} for ${macro}` });
        continue;
      }
      rows.push({ vendor, device: Number(m[1]), kind: 'HWTABLE', phase: 'FINAL', classMatch: ids.get('PCI_CLASS_BRIDGE_OTHER') ?? 0x0680, line });
    }
  }
  rows.sort((a, b) => a.line - b.line || a.device - b.device);
  return { rows, problems };
}
