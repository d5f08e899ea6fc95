// The topology contract: PCI functions, bridges and subdevices as an importer found them
// (lspci -vvnn, JSON, sysfs listing). Plain data; the IOMMU model (src/model/iommu) derives
// aliases, requester IDs and groups from it. Absent means "the input did not say".
import type { DeviceClass } from '../facts/types';

/** pci_pcie_type() values lspci prints on the Express capability line. */
export type PcieType =
  | 'endpoint'
  | 'legacy-endpoint'
  | 'root-port'
  | 'upstream'
  | 'downstream'
  | 'pcie-to-pci' // PCI_EXP_TYPE_PCI_BRIDGE (7)
  | 'pci-to-pcie' // PCI_EXP_TYPE_PCIE_BRIDGE (8)
  | 'rc-endpoint'
  | 'rc-event-collector';

/** The four ACS controls pci_device_group requires (SV, RR, CR, UF). */
export interface AcsFlags {
  sv: boolean;
  rr: boolean;
  cr: boolean;
  uf: boolean;
}

export interface MsiCapability {
  /** Multiple Message Capable, as a vector count (1, 2, 4 … 32). */
  maxCount: number;
  /** Multiple Message Enable at dump time. */
  enabledCount?: number;
  enabled?: boolean;
  maskable?: boolean;
  is64?: boolean;
}

export interface MsixCapability {
  tableSize: number;
  enabled?: boolean;
}

export interface SriovCapability {
  totalVfs?: number;
  numVfs: number;
  offset: number;
  stride: number;
  vfDevice?: number;
}

export interface PciFunction {
  /** Canonical "dddd:bb:ss.f". */
  bdf: string;
  domain: number;
  bus: number;
  devfn: number;
  vendor?: number;
  device?: number;
  subsystem?: { vendor: number; device: number };
  /** Base class and subclass, e.g. 0x0604; absent without -nn unless the class name is known. */
  classCode?: number;
  name?: string;
  /** Bridges (and CardBus bridges): the bus range below them. */
  secondary?: number;
  subordinate?: number;
  /** Absent with capsReadable: a conventional PCI device (no Express capability). */
  pcie?: PcieType;
  /** False when lspci printed `<access denied>`: PCIe type and ACS are then unknown. */
  capsReadable: boolean;
  msi?: MsiCapability;
  msix?: MsixCapability;
  /** ACS satisfied per flag (`ACSCap X-` or `ACSCtl X+`); absent: no ACS capability. */
  acs?: AcsFlags;
  sriov?: SriovCapability;
  iommuGroup?: number;
  driver?: string;
  /** Set on SR-IOV VFs: the PF's bdf. */
  physfn?: string;
  /** JSON inputs may state extra same-bus DMA aliases (e.g. AMD IVRS) or a device's flags. */
  dmaAliases?: number[];
  /** Not present in the input: derived (e.g. a VF computed from its PF's SR-IOV capability). */
  synthesized?: boolean;
  /** 1-based line in the input where the function starts (0 for synthesized). */
  line: number;
}

/** A non-PCI device: mdev, auxiliary device, platform device, IMS slice, … */
export interface Subdevice {
  name: string;
  class: DeviceClass;
  /** bdf of a PCI function, or the name of another subdevice. */
  parent?: string;
  /** Firmware gives it an IOMMU binding (platform/fsl-mc/cdx with `iommus`, IORT). */
  iommu?: boolean;
  driver?: string;
  line: number;
}

export type Arch = 'x86' | 'arm64' | 'other';
export type IommuKind = 'intel' | 'amd' | 'smmu' | 'none';
export type MsiController = 'x86-vector' | 'its' | 'gicv2m' | 'other';

export interface Platform {
  arch?: Arch;
  iommu?: IommuKind;
  msiController?: MsiController;
  /** Firmware msi-map/IORT translation: requester ID -> ITS DeviceID, when known. */
  msiMap?: { ridBase: number; deviceIdBase: number; length: number }[];
}

export interface Topology {
  /** Path or "<text>". */
  source: string;
  format: 'lspci' | 'json' | 'sysfs';
  functions: PciFunction[];
  subdevices: Subdevice[];
  platform: Platform;
  /** The input had no vendor:device IDs (lspci without -nn): quirks cannot be matched. */
  idsMissing?: boolean;
}
