// The replay's only door into the allocator model (src/model/store): one place to adapt if
// its API moves.
import type { DeviceCaps, Outcome, StoreConfig, StoreOp, StoreState } from '../store/types';
import { device, slot } from '../store/state';
import { apply, createStore, fork, toDomainStates } from '../store/index';
import type { DomainState } from '../snapshot';

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
