// Read-only views of a store state: snapshot data for simulations and the map, a one-line
// text per domain, and what would still be allocated when the driver detaches.
import type { AllocationBlock, DomainMap, DomainState } from '../../vocabulary/snapshot';
import { baseOf, partitionOf } from './state';
import type { Block, DeviceStoreState, DomainSlotState, StoreState } from './types';

function modeOf(dev: DeviceStoreState, domain: number): DomainState['mode'] {
  if (domain !== 0 || dev.pciModes.length !== 1) return undefined;
  return dev.pciModes[0];
}

/** Domains worth showing: those that exist or hold something. */
function shown(dev: DeviceStoreState): DomainSlotState[] {
  return dev.domains.filter((d) => d.exists !== 'no' || d.blocks.length > 0);
}

/** The DomainState[] of a SimulationStep (domain-local indices). */
export function toDomainStates(state: StoreState, key: string): DomainState[] {
  const dev = state.devices[key];
  if (!dev) return [];
  return shown(dev).map((d) => {
    const mode = modeOf(dev, d.domain);
    return {
      domain: d.domain,
      hwsize: d.hwsize,
      occupied: d.blocks.map((b) => ({ first: b.first, last: b.last, certainty: b.certainty, site: b.site })),
      ...(mode ? { mode } : {}),
    };
  });
}

/** DomainMap[] for the map (conflicts are the check layer's to add). */
export function toDomainMaps(state: StoreState, key: string, names: Record<string, number> = {}): DomainMap[] {
  const dev = state.devices[key];
  if (!dev) return [];
  return shown(dev).map((d) => {
    const mode = modeOf(dev, d.domain);
    const name = partitionOf(state, d.domain)?.name ?? Object.entries(names).find(([, v]) => v === d.domain)?.[0];
    return {
      domain: d.domain,
      ...(name ? { name } : {}),
      hwsize: d.hwsize,
      hwsizeSource: d.hwsizeSource,
      base: baseOf(state, d.domain),
      ...(mode ? { mode } : {}),
      allocations: d.blocks.map(toAllocation),
      conflicts: [],
    };
  });
}

function toAllocation(b: Block): AllocationBlock {
  return { first: b.first, last: b.last, certainty: b.certainty, site: b.site, label: b.label };
}

/** "domain 0 (hwsize 8, msix): 0..1 definite, 2..7 possible" — for simulate output and tests. */
export function describeDevice(state: StoreState, key: string): string[] {
  const dev = state.devices[key];
  if (!dev) return [];
  return shown(dev).map((d) => {
    const mode = modeOf(dev, d.domain);
    const head = `domain ${d.domain} (hwsize ${d.hwsize ?? 'run time'}${mode && mode !== 'none' ? `, ${mode}` : ''}${d.exists === 'maybe' ? ', maybe created' : ''})`;
    const body = d.blocks.length ? d.blocks.map((b) => `${b.first === b.last ? b.first : `${b.first}..${b.last}`} ${b.certainty}`).join(', ') : 'empty';
    return `${head}: ${body}`;
  });
}

export interface LiveBlock extends Block {
  domain: number;
}

/**
 * Descriptors still live when the driver unbinds: pcim_msi_release frees the PCI vectors of a
 * managed device (sampled at allocation, §3.9); everything else must be freed explicitly.
 * Blocks the release only possibly frees come back as 'possible'.
 */
export function leftAtDetach(state: StoreState, key: string): LiveBlock[] {
  const dev = state.devices[key];
  if (!dev) return [];
  const out: LiveBlock[] = [];
  for (const d of dev.domains) {
    for (const b of d.blocks) {
      const pci = b.mode !== undefined;
      if (pci && dev.pcimRelease === 'yes') continue;
      const certainty = pci && dev.pcimRelease === 'maybe' ? 'possible' : b.certainty;
      out.push({ ...b, certainty, domain: d.domain });
    }
  }
  return out;
}
