// A text for a record of object values (env: location -> value) that stands for its JSON:
// two such texts are equal exactly when the records' JSON texts are, and none equals the JSON
// of another kind of record (all share one id table), except the empty record's "{}".
// Values do not change once made, so each value's JSON is computed once.
const valueJson = new WeakMap<object, string>();

/** JSON of one entry's value; undefined where JSON.stringify leaves the key out. */
function entryJson(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return JSON.stringify(v);
  let json = valueJson.get(v);
  if (json === undefined) { json = JSON.stringify(v); valueJson.set(v, json); }
  return json;
}

export function valuesText(record: Record<string, unknown>): string {
  let out = '';
  for (const key of Object.keys(record)) {
    const json = entryJson(record[key]);
    // Length-prefixed key, then JSON (which never holds a raw U+0000) and a U+0000 to end it.
    if (json !== undefined) out += `${key.length}:${key}${json}\u0000`;
  }
  return out === '' ? '{}' : `\u0001${out}`;
}
