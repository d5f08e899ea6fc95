// The replay's only door into the allocator model (src/model/store): one place to adapt if
// its API moves.
import type { Block, DeviceCaps, Outcome, StoreConfig, StoreOp, StoreState } from '../store/types';
import type { SourceSite } from '../../vocabulary/source-site';
import { sameSite } from '../store/blocks';
import { device, slot } from '../store/state';
import { apply, createStore, fork, toDomainStates } from '../store/index';
import type { DomainState } from '../../vocabulary/snapshot';

export function newStore(config: StoreConfig): StoreState {
  return createStore(config);
}

export function cloneStore(s: StoreState): StoreState {
  return fork(s);
}

export function applyOp(s: StoreState, op: StoreOp): Outcome {
  return apply(s, op);
}

export function domainStates(s: StoreState, device: string): DomainState[] {
  return toDomainStates(s, device);
}

/** Gives a device its capabilities (from a topology) before its first operation. */
export function seedDevice(s: StoreState, key: string, caps: DeviceCaps): void {
  if (s.devices[key]) return;
  const d = device(s, key);
  d.caps = { ...d.caps, ...caps };
}

/**
 * A device whose code creates no domain in the files seen: its default domain is a global or
 * parent-provided one (msi_setup_device_data copies dev->msi.domain into slot 0), size 65536.
 */
export function seedDefaultDomain(s: StoreState, key: string): void {
  const d = device(s, key);
  const sl = slot(s, d, 0);
  if (sl.exists === 'no') {
    sl.exists = 'yes';
    sl.kind = 'global';
    sl.hwsizeSource = 'domain not created in the code checked: assumed global (hwsize 65536)';
  }
}

/**
 * A branch told how many vectors an allocation granted (`if (n >= 4)` on its count): its blocks
 * beyond the count go, those within it become definite, and MSI's nvec_used narrows.
 */
export function constrainGranted(s: StoreState, site: SourceSite, lo: number, hi: number): void {
  for (const dev of Object.values(s.devices)) {
    for (const dom of dev.domains) {
      const blocks: Block[] = [];
      for (const b of dom.blocks) {
        if (!sameSite(b.site, site)) {
          blocks.push(b);
          continue;
        }
        if (b.nvecUsed) {
          const min = Math.max(b.nvecUsed.min, lo);
          const max = b.nvecUsed.max === null ? (hi < Number.MAX_SAFE_INTEGER ? hi : null) : Math.min(b.nvecUsed.max, hi);
          blocks.push({ ...b, nvecUsed: { min, max } });
          continue;
        }
        if (b.first > hi - 1) continue;
        const last = Math.min(b.last, hi - 1);
        if (b.certainty === 'possible' && last < lo) blocks.push({ ...b, last, certainty: 'definite' });
        else if (b.certainty === 'possible' && b.first < lo) blocks.push({ ...b, last: lo - 1, certainty: 'definite' }, { ...b, first: lo, last });
        else blocks.push({ ...b, last });
      }
      dom.blocks = blocks;
    }
  }
}
