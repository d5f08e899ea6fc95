// What kind of device an MSI call is made on, as the facts layer classifies the device argument.

export type DeviceClass = 'pci' | 'mdev' | 'auxiliary' | 'platform' | 'ntb' | 'fsl-mc' | 'cdx' | 'device' | 'unknown';
