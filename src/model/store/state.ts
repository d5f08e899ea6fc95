// Creating, copying and addressing the stores: devices on demand, domain slots per layout.
import type { Partition } from '../../vocabulary/partition';
import type { DeviceStoreState, DomainSlotState, StoreConfig, StoreState, Tree } from './types';
import { MSI_XA_DOMAIN_SIZE } from './types';

export function defaultPartitions(): Partition[] {
  return [
    { name: 'MSI_DEFAULT_DOMAIN', domain: 0, first: 0x0, last: 0xffff },
    { name: 'MSI_SECONDARY_DOMAIN', domain: 1, first: 0x10000, last: 0x1ffff },
  ];
}

/** The per-domain core's API semantics (6.2+, 7.x): msi_ctrl_valid, range erasure, device domains. */
export function perDomainCore(state: StoreState): boolean {
  return state.config.tree !== '6.1';
}

/** The per-domain core on per-device stores (not the single-store layouts). */
export function perDomainStores(state: StoreState): boolean {
  return perDomainCore(state) && !singleStore(state);
}

/** Config with every default filled in; rejects overlapping partitions. */
export function resolveConfig(config: StoreConfig): Required<StoreConfig> {
  const tree: Tree = config.tree ?? (config.layout === 'list' || config.layout === 'xarray' ? '6.1' : '6.12');
  const partitions = config.partitions ?? defaultPartitions();
  checkPartitions(partitions);
  return {
    layout: config.layout,
    tree,
    maxDeviceIrqDomains: config.maxDeviceIrqDomains ?? 1,
    partitions,
  };
}

/** Throws with the two names when windows overlap or are inverted (a configuration error). */
export function checkPartitions(partitions: Partition[]): void {
  for (const p of partitions) {
    if (p.first > p.last) throw new Error(`partition ${p.name}: first 0x${p.first.toString(16)} > last 0x${p.last.toString(16)}`);
  }
  for (let i = 0; i < partitions.length; i++) {
    for (let j = i + 1; j < partitions.length; j++) {
      const a = partitions[i]!;
      const b = partitions[j]!;
      if (a.first <= b.last && b.first <= a.last) throw new Error(`partitions ${a.name} and ${b.name} overlap`);
      if (a.domain === b.domain) throw new Error(`partitions ${a.name} and ${b.name} both claim domain ${a.domain}`);
    }
  }
}

export function createStore(config: StoreConfig): StoreState {
  return { config: resolveConfig(config), devices: {} };
}

/** A device's state copied as deep as the operations write: sites, intervals and the config
 *  are never written after they are made, so copies share them. */
export function copyDevice(d: DeviceStoreState): DeviceStoreState {
  return { ...d, caps: { ...d.caps }, pciModes: [...d.pciModes], domains: d.domains.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ ...b })) })) };
}

/** A copy to explore one branch. */
export function fork(state: StoreState): StoreState {
  const devices: Record<string, DeviceStoreState> = {};
  for (const key of Object.keys(state.devices)) devices[key] = copyDevice(state.devices[key]!);
  return { config: state.config, devices };
}

export function device(state: StoreState, key: string): DeviceStoreState {
  let d = state.devices[key];
  if (!d) {
    d = { key, caps: {}, pciModes: ['none'], managed: 'no', pcimRelease: 'no', platformData: 'no', domains: [] };
    state.devices[key] = d;
  }
  return d;
}

/** Single-store layouts have one store that every domain id maps to. */
export function singleStore(state: StoreState): boolean {
  return state.config.layout === 'list' || state.config.layout === 'xarray';
}

/** The slot a domain id addresses (slot 0 in single-store layouts), created empty on demand. */
export function slot(state: StoreState, dev: DeviceStoreState, domain: number): DomainSlotState {
  const id = singleStore(state) ? 0 : domain;
  let s = dev.domains.find((d) => d.domain === id);
  if (!s) {
    const single = singleStore(state);
    s = {
      domain: id,
      exists: single ? 'yes' : 'no',
      hwsize: MSI_XA_DOMAIN_SIZE,
      hwsizeMin: MSI_XA_DOMAIN_SIZE,
      hwsizeSource: single ? 'no hwsize in this era (u16 msi_index)' : 'no domain: msi_domain_get_hwsize gives 65536',
      kind: single ? 'device-store' : 'none',
      blocks: [],
    };
    dev.domains.push(s);
    dev.domains.sort((a, b) => a.domain - b.domain);
  }
  return s;
}

export function partitionOf(state: StoreState, domain: number): Partition | undefined {
  return state.config.partitions.find((p) => p.domain === domain);
}

/** Global index of local index 0: the window base in the partitioned layout, 0 otherwise. */
export function baseOf(state: StoreState, domain: number): number {
  if (state.config.layout !== 'partitioned') return 0;
  return partitionOf(state, domain)?.first ?? 0;
}

/** Sets a domain's size: a number, or null with a known lower bound when it is a run-time value. */
export function setHwsize(s: DomainSlotState, hwsize: number | null, min: number, source: string): void {
  s.hwsize = hwsize;
  s.hwsizeMin = hwsize ?? min;
  s.hwsizeSource = source;
}
