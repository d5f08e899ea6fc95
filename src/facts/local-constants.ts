// Locals that hold only constants: `int min = 17;`, `const int n = ARRAY_SIZE(tbl);`,
// `flags = PCI_IRQ_INTX; if (m) flags |= PCI_IRQ_MSI;`. A local qualifies when it is declared in
// the function body (not a parameter, not a global) and every store to it there (declaration
// initialisers included) is a constant; an increment, a compound assignment other than `|=`, or
// its address taken (a callee may store through it) makes it unknown. Flow-insensitive on
// purpose: the values are every value the local may hold anywhere in the function.
import { evaluate, type ConstEnv } from './const-eval';
import type { MacroDef } from './defines';

export interface LocalStores {
  /** The stored texts, in order; `|=` stores are marked. */
  stores: { text: string; or: boolean }[];
}

const MAX_DEPTH = 4;

/** Offsets of `name` as a whole word that is not a member (`x.name`, `x->name`). */
function occurrences(body: string, name: string): number[] {
  const out: number[] = [];
  const re = new RegExp(String.raw`(?<![\w.]|->)${name}(?!\w)`, 'g');
  for (let m = re.exec(body); m; m = re.exec(body)) out.push(m.index);
  return out;
}

/** The expression from `from` to the `;` or top-level `,` that ends it. */
function expressionAt(body: string, from: number): string | undefined {
  let depth = 0;
  for (let i = from; i < body.length; i++) {
    const ch = body[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (--depth < 0) return body.slice(from, i).trim();
    } else if ((ch === ';' || ch === ',') && depth === 0) return body.slice(from, i).trim();
  }
  return undefined;
}

/**
 * Every store to the local `name` in the function `fnCode` (header + body), or undefined when it
 * is not such a local or something else may change it.
 */
export function localStores(name: string, fnCode: string | undefined): LocalStores | undefined {
  if (fnCode === undefined || !/^[a-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const open = fnCode.indexOf('{');
  if (open < 0 || new RegExp(String.raw`\b${name}\b`).test(fnCode.slice(0, open))) return undefined; // a parameter
  const body = fnCode.slice(open);
  if (
    !new RegExp(
      String.raw`\b(?:int|long|short|char|unsigned|signed|u8|u16|u32|u64|s8|s16|s32|s64|size_t|__u\d+)\b[\w\s,*=()]*?(?<![\w.]|->)${name}\s*(?:[=;,\[])`,
    ).test(body)
  )
    return undefined; // not declared here
  const stores: LocalStores['stores'] = [];
  for (const at of occurrences(body, name)) {
    const before = body.slice(Math.max(0, at - 2), at);
    if (/(\+\+|--)$/.test(before) || (/&$/.test(before) && !/&&$/.test(before))) return undefined;
    const after = /^\s*(\+\+|--|\[|(?:<<|>>|[-+*/%&|^])?=(?!=))/.exec(body.slice(at + name.length, at + name.length + 4));
    if (!after) continue; // a read
    const op = after[1]!;
    if (op === '++' || op === '--' || op === '[') return undefined; // an array, or changed in place
    if (op !== '=' && op !== '|=') return undefined;
    const text = expressionAt(body, at + name.length + after[0].length);
    if (text === undefined || text === '') return undefined;
    stores.push({ text, or: op === '|=' });
  }
  return stores.length > 0 ? { stores } : undefined;
}

/**
 * The constant values a local may hold (each store evaluated, `|=` folded into the values
 * before it), or undefined when one store is not constant.
 */
export function localValues(name: string, fnCode: string | undefined, env: ConstEnv, depth = 0): { values: number[]; texts: string[] } | undefined {
  const found = localStores(name, fnCode);
  if (!found || depth > MAX_DEPTH) return undefined;
  const inner = withLocals(env, fnCode, depth + 1, new Set([name]));
  const values: number[] = [];
  for (const s of found.stores) {
    const v = evaluate(s.text, inner).value;
    if (v === undefined) return undefined;
    if (s.or && values.length > 0) values.push(...values.map((x) => x | v));
    else values.push(v);
  }
  return { values: [...new Set(values)], texts: found.stores.map((s) => s.text) };
}

/** `env` plus the locals of `fnCode` that hold one constant (as object-like definitions). */
export function withLocals(env: ConstEnv, fnCode: string | undefined, depth = 0, active = new Set<string>()): ConstEnv {
  if (fnCode === undefined) return env;
  const cache = new Map<string, MacroDef | undefined>();
  return {
    lookup(name) {
      const hit = env.lookup(name);
      if (hit || active.has(name) || !/^[a-z_]/.test(name)) return hit;
      if (!cache.has(name)) {
        const local = localValues(name, fnCode, env, depth);
        const one = local && local.values.length === 1 ? local : undefined;
        cache.set(name, one ? { kind: 'object', body: one.texts.length === 1 ? one.texts[0]! : String(one.values[0]), file: '', line: 0 } : undefined);
      }
      return cache.get(name);
    },
  };
}
