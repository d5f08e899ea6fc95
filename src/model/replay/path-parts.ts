// Copy-on-write records of a path's state, and the short signatures that compare paths.
// A fork copies none of a path's records: a path copies a record the first time it writes to
// it after a fork. A record's encoding (its JSON, or an equivalent text) is cached until the
// path that owns it writes to it again, so signing a path re-encodes only what changed.
import type { StoreState } from '../store/types';
import type { PathState } from './replay-state';
import { resetValueIds, valuesId } from './record-text';

export type RecordPart = 'env' | 'aliases' | 'calls' | 'settled' | 'status' | 'returns' | 'before' | 'decisions' | 'dyn' | 'known' | 'zeroed' | 'requests';

const bits: Record<RecordPart, number> = {
  env: 1,
  aliases: 2,
  calls: 4,
  settled: 8,
  status: 16,
  returns: 32,
  before: 64,
  decisions: 128,
  dyn: 256,
  known: 512,
  zeroed: 1024,
  requests: 2048,
};

/**
 * The ids of records' JSON texts (env's: a number that stands for it, record-text.ts), so a
 * record signed again costs one lookup; an owned record loses its entry when written (writable).
 * Ids are shared by every interpreter of a walk and hold until the next walk.
 */
let encodings = new WeakMap<object, number>();
let idsByText = new Map<string, number>();
/** The id of each store's devices' JSON, with the JSON text it was taken for (path-values.ts). */
let storeIds = new WeakMap<object, { json: string; id: number }>();

/** A walk starts: records and values of earlier walks are never signed again (record-text.ts). */
export function newSigningEpoch(): void {
  encodings = new WeakMap();
  idsByText = new Map();
  storeIds = new WeakMap();
  resetValueIds();
}

function textId(text: string): number {
  let id = idsByText.get(text);
  if (id === undefined) {
    id = idsByText.size;
    idsByText.set(text, id);
  }
  return id;
}

/**
 * Records a key was deleted from. V8 keeps such an object in dictionary mode, where `{ ...v }`
 * is many times slower than copying key by key (which makes a fast object again).
 */
const deletedFrom = new WeakSet<object>();

function copyRecord(v: object): object {
  if (Array.isArray(v)) return [...v];
  if (v instanceof Map) return new Map(v);
  if (!deletedFrom.has(v)) return { ...v };
  const out: Record<string, unknown> = {};
  const from = v as Record<string, unknown>;
  for (const k of Object.keys(from)) out[k] = from[k];
  return out;
}

/** The record, owned by this path (copied first when it may be shared); clears the signature. */
export function writable<K extends RecordPart>(s: PathState, part: K): PathState[K] {
  s.sig = undefined;
  if ((s.owned & bits[part]) === 0) {
    (s as Record<RecordPart, unknown>)[part] = copyRecord(s[part]);
    s.owned |= bits[part];
  } else encodings.delete(s[part]);
  return s[part];
}

/** Deletes a key, copying the record only when the key is there. */
export function dropKey(s: PathState, part: 'env' | 'calls' | 'settled' | 'returns' | 'before' | 'requests', key: string | number): void {
  if (part === 'env') {
    if (s.env.has(key as string)) writable(s, 'env').delete(key as string);
    return;
  }
  if (!Object.prototype.hasOwnProperty.call(s[part], key)) return;
  const record = writable(s, part) as Record<string | number, unknown>;
  delete record[key];
  deletedFrom.add(record);
}

/** A fork: shares every record and the store until one side writes. */
export function forkPath(s: PathState): PathState {
  s.ownsStore = false;
  s.owned = 0;
  return { ...s, ownsStore: false, owned: 0 };
}

/** Small ids for equal JSON texts, so a path's signature is a dozen numbers, not its JSON. */
export class SignatureTable {
  text(json: string): number {
    return textId(json);
  }

  /** The id of a record's JSON (or of a text that stands for it: record-text.ts). */
  record<T extends object>(value: T, encode: (v: T) => string = JSON.stringify): number {
    let id = encodings.get(value);
    if (id === undefined) {
      id = textId(encode(value));
      encodings.set(value, id);
    }
    return id;
  }

  /** The number of a record of values (env: record-text.ts), comparable only with other such numbers. */
  values(value: Map<string, unknown>): number {
    let id = encodings.get(value);
    if (id === undefined) {
      id = valuesId(value);
      encodings.set(value, id);
    }
    return id;
  }

  /** The id of a store's JSON text (cached per store object while its text is the same string). */
  store(store: object, json: string): number {
    const known = storeIds.get(store);
    if (known !== undefined && known.json === json) return known.id;
    const id = textId(json);
    storeIds.set(store, { json, id });
    return id;
  }
}

/** Equal signatures mean equal paths (every record's JSON equal). */
export function pathSignature(s: PathState, table: SignatureTable, storeJson: string): string {
  if (s.sig !== undefined) return s.sig;
  const r = (v: object): number => table.record(v);
  s.sig = `${table.store(s.store, storeJson)}|${r(s.aliases)}|${table.values(s.env)}|${r(s.zeroed)}|${r(s.settled)}|${
    s.ret === undefined ? '' : JSON.stringify(s.ret)
  }|${r(s.returns)}|${r(s.decisions)}|${s.errorPath ? 1 : 0}|${s.released ? 1 : 0}|${s.cleanup}|${r(s.dyn)}|${r(s.known)}|${r(s.requests)}|${Object.keys(s.before).join(' ')}`;
  return s.sig;
}

/** A path at the start of a walk: the store it is handed, nothing else known. */
export function newPathState(store: StoreState): PathState {
  return {
    store,
    env: new Map(),
    requests: {},
    zeroed: [],
    aliases: {},
    calls: {},
    settled: {},
    status: {},
    returns: {},
    before: {},
    decisions: {},
    errorPath: false,
    cleanup: '',
    dyn: [],
    known: [],
    unfollowed: false,
    seq: 0,
    ownsStore: true,
    owned: -1,
  };
}
