// Copy-on-write records of a path's state, and the short signatures that compare paths.
// A fork copies none of a path's records: a path copies a record the first time it writes to
// it after a fork or after being signed. So a signed record never changes again, and the id
// its JSON got in the signature table stays true for as long as the record lives.
import type { PathState } from './replay-state';

export type RecordPart = 'env' | 'aliases' | 'calls' | 'settled' | 'status' | 'returns' | 'before' | 'decisions' | 'dyn' | 'known' | 'zeroed' | 'requests';

const bits: Record<RecordPart, number> = {
  env: 1, aliases: 2, calls: 4, settled: 8, status: 16, returns: 32, before: 64, decisions: 128, dyn: 256, known: 512, zeroed: 1024, requests: 2048,
};

/** Records the signature leaves out (before: only its keys; calls: read at once), so signing need not freeze them. */
const unsigned = bits.status | bits.before | bits.calls;

/** The record, owned by this path (copied first when it may be shared); clears the signature. */
export function writable<K extends RecordPart>(s: PathState, part: K): PathState[K] {
  s.sig = undefined;
  if ((s.owned & bits[part]) === 0) {
    const v: PathState[RecordPart] = s[part];
    (s as Record<RecordPart, unknown>)[part] = Array.isArray(v) ? [...v] : { ...v };
    s.owned |= bits[part];
  }
  return s[part];
}

/** Deletes a key, copying the record only when the key is there. */
export function dropKey(s: PathState, part: 'env' | 'calls' | 'settled' | 'returns' | 'before' | 'requests', key: string | number): void {
  if (Object.prototype.hasOwnProperty.call(s[part], key)) delete (writable(s, part) as Record<string | number, unknown>)[key];
}

/** A fork: shares every record and the store until one side writes. */
export function forkPath(s: PathState): PathState {
  s.ownsStore = false;
  s.owned = 0;
  return { ...s, ownsStore: false, owned: 0 };
}

/** Small ids for equal JSON texts, so a path's signature is a dozen numbers, not its JSON. */
export class SignatureTable {
  private readonly ids = new WeakMap<object, number>();
  private readonly byText = new Map<string, number>();

  text(json: string): number {
    let id = this.byText.get(json);
    if (id === undefined) { id = this.byText.size; this.byText.set(json, id); }
    return id;
  }

  /** Only for records that no longer change (signed ones, see the top of this file). */
  record(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) { id = this.text(JSON.stringify(value)); this.ids.set(value, id); }
    return id;
  }
}

/** Equal signatures mean equal paths (every record's JSON equal); signing freezes the records. */
export function pathSignature(s: PathState, table: SignatureTable, storeJson: string): string {
  if (s.sig !== undefined) return s.sig;
  s.owned &= unsigned;
  const r = (v: object): number => table.record(v);
  s.sig = [
    table.text(storeJson), r(s.aliases), r(s.env), r(s.zeroed), r(s.settled), s.ret === undefined ? '' : JSON.stringify(s.ret),
    r(s.returns), r(s.decisions), s.errorPath ? 1 : 0, s.released ? 1 : 0, s.cleanup, r(s.dyn), r(s.known), r(s.requests), Object.keys(s.before).join(' '),
  ].join('|');
  return s.sig;
}
