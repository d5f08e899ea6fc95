// What a path knows of locations (its env, the requests read from them, the objects known to be
// zeroed), written and forgotten, and the path's own copy of the store: the writes every transfer
// function of the interpreter shares.
import type { StoreState } from '../store/types';
import { dropKey, writable as own } from './path-parts';
import { storeSigs } from './path-values';
import type { PathState } from './replay-state';
import { cloneStore } from './store-port';
import { isTop, top, type Val } from './values';
import { locOf } from './evaluate';
import type { Expr } from '../../facts/types';
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

/** Forgets the locals no way on reads (a join's dead list, liveness.ts) in this activation. */
export function forgetLocals(s: PathState, locals: readonly string[], frame: Frame): void {
  // A path binds few locals and a join names many dead ones: look the path's keys up instead.
  const dead = localKeys(locals, frame);
  let hits: string[] | undefined;
  for (const key of s.env.keys()) if (dead.has(key)) (hits ??= []).push(key);
  for (const key of Object.keys(s.requests)) if (dead.has(key) && !s.env.has(key)) (hits ??= []).push(key);
  if (hits) for (const key of hits) kill(s, key);
}

/** The env keys of `locals` in an activation: every path at a join asks for the same ones. */
const keysOfLocals = new WeakMap<readonly string[], { frame: number; keys: ReadonlySet<string> }>();
function localKeys(locals: readonly string[], frame: Frame): ReadonlySet<string> {
  const known = keysOfLocals.get(locals);
  if (known?.frame === frame.id) return known.keys;
  const keys = new Set(locals.map((name) => `${frame.id}:${name}`));
  keysOfLocals.set(locals, { frame: frame.id, keys });
  return keys;
}

/** Lvalues a block the walk skipped may have written: unknown now, where the path knew them. */
export function havocLocations(s: PathState, lvalues: Expr[], frame: Frame): void {
  for (const e of lvalues) {
    const key = locOf(e, frame);
    if (key !== undefined && ([...s.env.keys()].some((k) => k === key || k.startsWith(`${key}.`)) || s.zeroed.length)) bind(s, key, top);
  }
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
