// A number for a record of object values (env: location -> value, a Map) that stands for its
// JSON as an object with the same entries in the same order: two records get the same number
// exactly when those JSON texts are equal. Each value is named by a small id for its JSON,
// computed once per value object (values do not change once made); each record is a path in a
// trie of (key, value id) entries, so no text of the whole record is built. The ids hold for one
// walk (newSigningEpoch), so the tables stay small.
let valueIds = new WeakMap<object, number>();
let idsByJson = new Map<string, number>();
let keyIds = new Map<string, number>();
/** (key id, value id) -> entry id. */
let entryIds = new Map<number, number>();
/** (trie node, entry id) -> the node of the record one entry longer; the empty record is node 0. */
let nodeIds = new Map<number, number>();

/** Called between walks: no record or value of an earlier walk is signed again. */
export function resetValueIds(): void {
  valueIds = new WeakMap();
  idsByJson = new Map();
  keyIds = new Map();
  entryIds = new Map();
  nodeIds = new Map();
}

/** The id of one entry's value's JSON; undefined where JSON.stringify leaves the key out. */
function valueId(v: unknown): number | undefined {
  if (typeof v !== 'object' || v === null) {
    const json = JSON.stringify(v);
    return json === undefined ? undefined : idOf(json);
  }
  let id = valueIds.get(v);
  if (id === undefined) {
    id = idOf(JSON.stringify(v));
    valueIds.set(v, id);
  }
  return id;
}

function idOf(json: string): number {
  let id = idsByJson.get(json);
  if (id === undefined) {
    id = idsByJson.size;
    idsByJson.set(json, id);
  }
  return id;
}

/** Both ids stay far below 2^26 within a walk, so the pair is one exact number. */
const pairBase = 2 ** 26;

function pairId(table: Map<number, number>, a: number, b: number): number {
  const k = a * pairBase + b;
  let id = table.get(k);
  if (id === undefined) {
    id = table.size + 1;
    table.set(k, id);
  }
  return id;
}

/** The record's number: equal exactly when the records' JSON texts are. */
export function valuesId(record: Map<string, unknown>): number {
  let node = 0;
  for (const [key, value] of record) {
    const v = valueId(value);
    if (v === undefined) continue;
    let k = keyIds.get(key);
    if (k === undefined) {
      k = keyIds.size;
      keyIds.set(key, k);
    }
    node = pairId(nodeIds, node, pairId(entryIds, k, v));
  }
  return node;
}
