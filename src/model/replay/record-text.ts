// A text for a record of object values (env: location -> value, a Map) that stands for its JSON
// as an object with the same entries in the same order: two such texts are equal exactly when those JSON texts are, and none equals the JSON
// of another kind of record (all share one id table), except the empty record's "{}".
// Each value is named by a small id for its JSON, computed once per value object (values do
// not change once made); the ids hold for one walk (newSigningEpoch), so the table stays small.
let valueIds = new WeakMap<object, string>();
let idsByJson = new Map<string, string>();

/** Called between walks: no record or value of an earlier walk is signed again. */
export function resetValueIds(): void {
  valueIds = new WeakMap();
  idsByJson = new Map();
}

/** The id of one entry's value's JSON; undefined where JSON.stringify leaves the key out. */
function valueId(v: unknown): string | undefined {
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

function idOf(json: string): string {
  let id = idsByJson.get(json);
  if (id === undefined) {
    id = idsByJson.size.toString(36);
    idsByJson.set(json, id);
  }
  return id;
}

export function valuesText(record: Map<string, unknown>): string {
  let out = '';
  for (const [key, value] of record) {
    const id = valueId(value);
    // Length-prefixed key, then the value's id and a U+0000 to end it.
    if (id !== undefined) out += `${key.length}:${key}${id}\u0000`;
  }
  return out === '' ? '{}' : `\u0001${out}`;
}
