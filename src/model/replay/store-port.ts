// The replay's only door into the allocator model (src/model/store): one place to adapt if
// its API moves.
import type { DeviceCaps, Outcome, StoreConfig, StoreOp, StoreState } from '../store/types';
import { device } from '../store/state';
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
