// DMA-alias quirk kinds: what each alias hook in drivers/pci/quirks.c does to the device it
// matches (6.12 and 6.1 hooks are identical). One row per hook; the rows that name devices live
// in quirk-table.ts (built-in) or come from quirk-source.ts (the workspace's own quirks.c).

export type QuirkKind = 'FUNC0' | 'FUNC1' | 'FIXED_01_0' | 'BRIDGE_FLAG' | 'MIC3' | 'VCA160' | 'XLATE_STOP' | 'ALL256' | 'HWTABLE';

export interface QuirkRow {
  vendor: number;
  device: number;
  kind: QuirkKind;
  /** HEADER hooks run in pci_device_add; FINAL (class) hooks in pci_bus_add_device. */
  phase: 'HEADER' | 'FINAL';
  /** FIXED_01_0 rows also match the subsystem IDs (fixed_dma_alias_tbl). */
  subsystem?: { vendor: number; device: number };
  /** CLASS_FINAL rows match `class >> 8` (e.g. 0x0680, PCI_CLASS_BRIDGE_OTHER). */
  classMatch?: number;
  /** Line of the registration in the quirks.c it came from. */
  line: number;
}

/** Hook function name -> kind (drivers/pci/quirks.c). */
export const quirkHooks: Readonly<Record<string, QuirkKind>> = {
  quirk_dma_func0_alias: 'FUNC0',
  quirk_dma_func1_alias: 'FUNC1',
  quirk_fixed_dma_alias: 'FIXED_01_0',
  quirk_use_pcie_bridge_dma_alias: 'BRIDGE_FLAG',
  quirk_mic_x200_dma_alias: 'MIC3',
  quirk_pex_vca_alias: 'VCA160',
  quirk_bridge_cavm_thrx2_pcie_root: 'XLATE_STOP',
  quirk_plx_ntb_dma_alias: 'ALL256',
  quirk_switchtec_ntb_dma_alias: 'HWTABLE',
};

const devfn = (slot: number, fn: number): number => (slot << 3) | fn;

/**
 * The devfns a quirk adds to `dma_alias_mask` for a device at `ownDevfn` (same bus), or
 * 'unknown' when only the hardware knows (Switchtec reads its requester-ID table at fixup).
 * BRIDGE_FLAG and XLATE_STOP add no mask bits: they set dev_flags, see quirkFlags.
 */
export function quirkAliasDevfns(kind: QuirkKind, ownDevfn: number): number[] | 'unknown' {
  const slot = ownDevfn >> 3;
  const fn = ownDevfn & 7;
  switch (kind) {
    case 'FUNC0':
      return fn !== 0 ? [devfn(slot, 0)] : [];
    case 'FUNC1':
      return fn !== 1 ? [devfn(slot, 1)] : [];
    case 'FIXED_01_0':
      return [devfn(1, 0)];
    case 'MIC3':
      return [devfn(0x10, 0), devfn(0x11, 0), devfn(0x12, 3)];
    case 'VCA160': {
      const out: number[] = [];
      for (let s = 0; s < 0x20; s++) for (let f = 0; f < 5; f++) out.push(devfn(s, f));
      return out;
    }
    case 'ALL256':
      return Array.from({ length: 256 }, (_, i) => i);
    case 'HWTABLE':
      return 'unknown';
    case 'BRIDGE_FLAG':
    case 'XLATE_STOP':
      return [];
  }
}
