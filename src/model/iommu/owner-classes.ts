// Per device class: is the owner a subdevice whose messages come from another function, and
// can the IOMMU see it (msi-semantics §4.1.1–4.1.2; drivers/iommu/iommu.c iommu_buses[]:
// platform, PCI, AMBA, fsl-mc, host1x-context, and CDX from 6.2 on).
import type { DeviceClass } from '../../facts/types';

export interface OwnerClassInfo {
  /** Descriptors on this device are written by a different (parent) function. */
  subdevice: boolean;
  /** 'yes': on a bus in iommu_buses[]; 'firmware': only if DT/IORT describes it; 'no'; 'unknown'. */
  iommuContext: 'yes' | 'firmware' | 'no' | 'unknown';
  bus: string;
}

export const ownerClasses: Readonly<Record<DeviceClass, OwnerClassInfo>> = {
  pci: { subdevice: false, iommuContext: 'yes', bus: 'PCI' },
  platform: { subdevice: false, iommuContext: 'firmware', bus: 'platform' },
  'fsl-mc': { subdevice: false, iommuContext: 'yes', bus: 'fsl-mc' },
  cdx: { subdevice: false, iommuContext: 'yes', bus: 'CDX' },
  mdev: { subdevice: true, iommuContext: 'no', bus: 'mdev' },
  auxiliary: { subdevice: true, iommuContext: 'no', bus: 'auxiliary' },
  ntb: { subdevice: true, iommuContext: 'no', bus: 'ntb' },
  device: { subdevice: false, iommuContext: 'unknown', bus: 'unknown' },
  unknown: { subdevice: false, iommuContext: 'unknown', bus: 'unknown' },
};
