// Line patterns of `lspci -vv[v] [-nn] [-D]` (pciutils ls-caps.c / ls-ecaps.c / lspci.c) that
// the topology needs, as a table: pattern -> what it sets. Every other indented line is detail
// lspci prints (registers, link state) and is skipped by design.
import type { AcsFlags, PciFunction, PcieType } from './types';

/** Express capability device/port type names, matched as prefixes (old pciutils omit "(vN)"). */
export const pcieTypeNames: readonly [string, PcieType][] = [
  ['Root Complex Integrated Endpoint', 'rc-endpoint'],
  ['Root Complex Event Collector', 'rc-event-collector'],
  ['Legacy Endpoint', 'legacy-endpoint'],
  ['Endpoint', 'endpoint'],
  ['Root Port', 'root-port'],
  ['Upstream Port', 'upstream'],
  ['Downstream Port', 'downstream'],
  ['PCI-Express to PCI/PCI-X Bridge', 'pcie-to-pci'],
  ['PCI/PCI-X to PCI-Express Bridge', 'pci-to-pcie'],
];

/** Class names lspci prints without -nn, for the classes the model needs (bridges). */
export const bridgeClassNames: Readonly<Record<string, number>> = {
  'Host bridge': 0x0600,
  'ISA bridge': 0x0601,
  'EISA bridge': 0x0602,
  'MicroChannel bridge': 0x0603,
  'PCI bridge': 0x0604,
  'PCMCIA bridge': 0x0605,
  'NuBus bridge': 0x0606,
  'CardBus bridge': 0x0607,
  'RACEway bridge': 0x0608,
  'Semi-transparent PCI-to-PCI bridge': 0x0609,
  'InfiniBand to PCI host bridge': 0x060a,
  Bridge: 0x0680,
};

export type LineResult = 'ok' | { error: string };

type Apply = (m: RegExpExecArray, fn: PciFunction) => LineResult;

function acsFlags(text: string): AcsFlags | undefined {
  const get = (name: string): boolean | undefined => {
    const m = new RegExp(`\\b${name}([+-])`).exec(text);
    return m ? m[1] === '+' : undefined;
  };
  const sv = get('SrcValid');
  const rr = get('ReqRedir');
  const cr = get('CmpltRedir');
  const uf = get('UpstreamFwd');
  if (sv === undefined || rr === undefined || cr === undefined || uf === undefined) return undefined;
  return { sv, rr, cr, uf };
}

/** ACSCap and ACSCtl arrive on separate lines; keep the capability until the control line. */
const acsCapSeen = new WeakMap<PciFunction, AcsFlags>();

const hex = (s: string): number => parseInt(s, 16);

/** Ordered: the first matching pattern wins. */
export const detailLines: readonly [RegExp, Apply][] = [
  [
    /^Subsystem: .*\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})\]\s*$/,
    (m, fn) => {
      fn.subsystem = { vendor: hex(m[1]!), device: hex(m[2]!) };
      return 'ok';
    },
  ],
  [
    /^Bus: primary=(\S+), secondary=(\S+), subordinate=([^,\s]+)/,
    (m, fn) => {
      const [sec, sub] = [m[2]!, m[3]!];
      if (!/^[0-9a-fA-F]{2}$/.test(sec) || !/^[0-9a-fA-F]{2}$/.test(sub))
        return { error: `bridge bus numbers not hexadecimal: secondary=${sec}, subordinate=${sub}` };
      fn.secondary = hex(sec);
      fn.subordinate = hex(sub);
      return 'ok';
    },
  ],
  [/^Bus: /, () => ({ error: 'malformed "Bus:" line (expected primary=, secondary=, subordinate=)' })],
  [
    /^Capabilities: <access denied>/,
    (_m, fn) => {
      fn.capsReadable = false;
      return 'ok';
    },
  ],
  [
    /^Capabilities: \[[0-9a-fA-F]+\] Express (?:\(v\d+\) )?(.*)$/,
    (m, fn) => {
      const rest = m[1]!;
      const hit = pcieTypeNames.find(([name]) => rest.startsWith(name));
      if (!hit) return { error: `unknown PCI Express device/port type "${rest}"` };
      fn.pcie = hit[1];
      return 'ok';
    },
  ],
  [
    /^Capabilities: \[[0-9a-fA-F]+\] MSI: Enable([+-]) Count=(\d+)\/(\d+) Maskable([+-]) 64bit([+-])/,
    (m, fn) => {
      const enabledCount = Number(m[2]);
      const maxCount = Number(m[3]);
      if (![1, 2, 4, 8, 16, 32].includes(maxCount)) return { error: `MSI Count=${m[2]}/${m[3]}: the capable count must be a power of two up to 32` };
      fn.msi = { maxCount, enabledCount, enabled: m[1] === '+', maskable: m[4] === '+', is64: m[5] === '+' };
      return 'ok';
    },
  ],
  [/^Capabilities: \[[0-9a-fA-F]+\] MSI: /, () => ({ error: 'malformed MSI capability line' })],
  [
    /^Capabilities: \[[0-9a-fA-F]+\] MSI-X: Enable([+-]) Count=(\d+)/,
    (m, fn) => {
      const tableSize = Number(m[2]);
      if (tableSize < 1 || tableSize > 2048) return { error: `MSI-X Count=${m[2]} is outside 1..2048` };
      fn.msix = { tableSize, enabled: m[1] === '+' };
      return 'ok';
    },
  ],
  [/^Capabilities: \[[0-9a-fA-F]+\] MSI-X: /, () => ({ error: 'malformed MSI-X capability line' })],
  [
    /^ACSCap:\s*(.*)$/,
    (m, fn) => {
      const f = acsFlags(m[1]!);
      if (!f) return { error: 'malformed ACSCap line' };
      acsCapSeen.set(fn, f);
      return 'ok';
    },
  ],
  [
    /^ACSCtl:\s*(.*)$/,
    (m, fn) => {
      const ctl = acsFlags(m[1]!);
      const cap = acsCapSeen.get(fn);
      if (!ctl || !cap) return { error: 'malformed ACSCtl line (or no ACSCap line before it)' };
      // A control the capability does not advertise counts as satisfied (pci_acs_flags_enabled).
      fn.acs = { sv: !cap.sv || ctl.sv, rr: !cap.rr || ctl.rr, cr: !cap.cr || ctl.cr, uf: !cap.uf || ctl.uf };
      return 'ok';
    },
  ],
  [
    /^Initial VFs: (\d+), Total VFs: (\d+), Number of VFs: (\d+)/,
    (m, fn) => {
      fn.sriov = { totalVfs: Number(m[2]), numVfs: Number(m[3]), offset: 0, stride: 0 };
      return 'ok';
    },
  ],
  [
    /^VF offset: (\d+), stride: (\d+), Device ID: ([0-9a-fA-F]{4})/,
    (m, fn) => {
      if (!fn.sriov) return { error: '"VF offset" line without an SR-IOV "Number of VFs" line before it' };
      fn.sriov.offset = Number(m[1]);
      fn.sriov.stride = Number(m[2]);
      fn.sriov.vfDevice = hex(m[3]!);
      return 'ok';
    },
  ],
  [
    /^IOMMU group: (\d+)\s*$/,
    (m, fn) => {
      fn.iommuGroup = Number(m[1]);
      return 'ok';
    },
  ],
  [
    /^Kernel driver in use: (\S+)\s*$/,
    (m, fn) => {
      fn.driver = m[1]!;
      return 'ok';
    },
  ],
];
