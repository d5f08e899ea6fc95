// Constants every kernel driver sees through the kernel's own headers, for when those headers
// are not readable: MSI/PCI constants (era-dependent where the kernel changed them) and the
// vendor IDs of include/linux/pci_ids.h that MSI drivers use most. Values are the kernel's.
import type { MacroDef } from './defines';
import type { EraInfo } from './types';

const common: Record<string, string> = {
  MSI_ANY_INDEX: 'UINT_MAX',
  MSI_MAX_INDEX: '65535',
  PCI_IRQ_MSI: '(1 << 1)',
  PCI_IRQ_MSIX: '(1 << 2)',
  PCI_IRQ_AFFINITY: '(1 << 3)',
  PCI_IRQ_VIRTUAL: '(1 << 4)',
  PCI_IRQ_ALL_TYPES: '(PCI_IRQ_INTX | PCI_IRQ_MSI | PCI_IRQ_MSIX)',
  // PCI_IRQ_LEGACY (6.1) and PCI_IRQ_INTX (6.12) are the same bit; accept both in either era.
  PCI_IRQ_INTX: '(1 << 0)',
  PCI_IRQ_LEGACY: '(1 << 0)',
  MSI_DESC_ALL: '0',
  MSI_DESC_NOTASSOCIATED: '1',
  MSI_DESC_ASSOCIATED: '2',
  PCI_ANY_ID: '(~0)',
};

/** Common PCI_VENDOR_ID_* values (include/linux/pci_ids.h). */
export const vendorIds: Record<string, number> = {
  PCI_VENDOR_ID_INTEL: 0x8086,
  PCI_VENDOR_ID_AMD: 0x1022,
  PCI_VENDOR_ID_ATI: 0x1002,
  PCI_VENDOR_ID_NVIDIA: 0x10de,
  PCI_VENDOR_ID_BROADCOM: 0x14e4,
  PCI_VENDOR_ID_MELLANOX: 0x15b3,
  PCI_VENDOR_ID_QLOGIC: 0x1077,
  PCI_VENDOR_ID_MARVELL: 0x11ab,
  PCI_VENDOR_ID_MARVELL_EXT: 0x1b4b,
  PCI_VENDOR_ID_HUAWEI: 0x19e5,
  PCI_VENDOR_ID_CISCO: 0x1137,
  PCI_VENDOR_ID_CAVIUM: 0x177d,
  PCI_VENDOR_ID_CHELSIO: 0x1425,
  PCI_VENDOR_ID_EMULEX: 0x10df,
  PCI_VENDOR_ID_LSI_LOGIC: 0x1000,
  PCI_VENDOR_ID_ADAPTEC2: 0x9005,
  PCI_VENDOR_ID_REALTEK: 0x10ec,
  PCI_VENDOR_ID_REDHAT_QUMRANET: 0x1af4,
  PCI_VENDOR_ID_REDHAT: 0x1b36,
  PCI_VENDOR_ID_AMAZON: 0x1d0f,
  PCI_VENDOR_ID_AMAZON_ANNAPURNA_LABS: 0x1c36,
  PCI_VENDOR_ID_SOLARFLARE: 0x1924,
  PCI_VENDOR_ID_QCOM: 0x17cb,
  PCI_VENDOR_ID_SAMSUNG: 0x144d,
  PCI_VENDOR_ID_MICROSOFT: 0x1414,
  PCI_VENDOR_ID_VMWARE: 0x15ad,
  PCI_VENDOR_ID_XILINX: 0x10ee,
  PCI_VENDOR_ID_ALTERA: 0x1172,
  PCI_VENDOR_ID_MICROSEMI: 0x11f8,
  PCI_VENDOR_ID_PLX: 0x10b5,
  PCI_VENDOR_ID_IDT: 0x111d,
  PCI_VENDOR_ID_ASMEDIA: 0x1b21,
  PCI_VENDOR_ID_SYNOPSYS: 0x16c3,
  PCI_VENDOR_ID_HYGON: 0x1d94,
  PCI_VENDOR_ID_ZHAOXIN: 0x1d17,
  PCI_VENDOR_ID_FUNGIBLE: 0x1dad,
  PCI_VENDOR_ID_GOOGLE: 0x1ae0,
  PCI_VENDOR_ID_NETRONOME: 0x19ee,
  PCI_VENDOR_ID_PENSANDO: 0x1dd8,
  PCI_VENDOR_ID_HISILICON: 0x19e5,
  PCI_VENDOR_ID_ARECA: 0x17d3,
  PCI_VENDOR_ID_ATTO: 0x117c,
  PCI_VENDOR_ID_3WARE: 0x13c1,
  PCI_VENDOR_ID_CREATIVE: 0x1102,
  PCI_VENDOR_ID_TI: 0x104c,
  PCI_VENDOR_ID_ALIBABA: 0x1ded,
  PCI_VENDOR_ID_SOLIDIGM: 0x025e,
  PCI_VENDOR_ID_WANGXUN: 0x8088,
  PCI_VENDOR_ID_ROCKCHIP: 0x1d87,
};

/** The built-in table for an era: MSI_DEFAULT_DOMAIN etc. follow the era's enum msi_domain_ids. */
export function builtinDefines(era: EraInfo): Record<string, MacroDef> {
  const out: Record<string, MacroDef> = {};
  const add = (name: string, body: string): void => {
    out[name] = { kind: 'object', body, file: '<built-in>', line: 0 };
  };
  for (const [k, v] of Object.entries(common)) add(k, v);
  for (const [k, v] of Object.entries(vendorIds)) add(k, `0x${v.toString(16)}`);
  const ids = era.era === 'per-domain' ? era.domainIds : {};
  add('MSI_DEFAULT_DOMAIN', String(ids['MSI_DEFAULT_DOMAIN'] ?? 0));
  if ('MSI_SECONDARY_DOMAIN' in ids) add('MSI_SECONDARY_DOMAIN', String(ids['MSI_SECONDARY_DOMAIN']));
  if (era.maxDeviceIrqDomains !== undefined) add('MSI_MAX_DEVICE_IRQDOMAINS', String(era.maxDeviceIrqDomains));
  return out;
}
