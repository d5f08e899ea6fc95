// What a path knows of locations (its env, the requests read from them, the objects known to be
// zeroed), written and forgotten, and the path's own copy of the store: the writes every transfer
// function of the interpreter shares.
import type { StoreState } from '../store/types';
import { dropKey, writable as own } from './path-parts';
import { storeSigs } from './path-values';
import type { PathState } from './replay-state';
import { cloneStore } from './store-port';
import { isTop, type Val } from './values';
import type { Frame } from './walk-interface';

/** Objects no longer known to read zero where unwritten; the record is copied only if one goes. */
export function forgetZeroed(s: PathState, goes: (z: string) => boolean): void {
  if (s.zeroed.some(goes)) own(s, 'zeroed').splice(0, s.zeroed.length, ...s.zeroed.filter((z) => !goes(z)));
}

/** Forgets a location (unless only what is reached through it) and everything reached through it. */
export function kill(s: PathState, key: string, self = true): void {
  const sub = `${key}.`;
  const dies = (k: string): boolean => (self && k === key) || k.startsWith(sub);
  for (const k of s.env.keys()) if (dies(k)) dropKey(s, 'env', k);
  for (const k of Object.keys(s.requests)) if (dies(k)) dropKey(s, 'requests', k);
  forgetZeroed(s, (z) => dies(z) || z === key);
}

/** A location written with v. Unknown is kept explicitly under a zeroed object (else it would read 0). */
export function bind(s: PathState, key: string, v: Val): void {
  kill(s, key);
  if (!isTop(v) || s.zeroed.some((z) => key.startsWith(`${z}.`))) own(s, 'env').set(key, v);
}

/** The locals of an activation die with it. */
export function dropScope(s: PathState, frame: Frame): void {
  const local = `${frame.id}:`;
  const slot = `${frame.id}@`;
  for (const k of s.env.keys()) if (k.startsWith(local)) dropKey(s, 'env', k);
  for (const k of Object.keys(s.calls)) if (k.startsWith(slot)) dropKey(s, 'calls', k);
  forgetZeroed(s, (z) => z.startsWith(local));
}

/** The path's own copy of the store (copied on its first write after a fork), unsigned. */
export function writableStore(s: PathState): StoreState {
  if (!s.ownsStore) {
    s.store = cloneStore(s.store);
    s.ownsStore = true;
  }
  storeSigs.delete(s.store);
  return s.store;
}
