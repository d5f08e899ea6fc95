// `struct msix_entry` arrays handed to pci_enable_msix_*: which table slots they name, from
// constant initialisers, constant `.entry` assignments, or identity loops `e[i].entry = i`.
import type { Node } from 'web-tree-sitter';
import { matchBracket, normalise, splitTopLevel } from './c-text';
import { evaluate, type ConstEnv } from './const-eval';
import { loopBoundOf } from './loop-bounds';
import type { MsixEntries, Value } from './types';

function pathRegex(base: string): string {
  return base
    .split(/(->|\.)/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s*');
}

function fromInitialiser(name: string, text: string, env: ConstEnv): number[] | null | undefined {
  const m = new RegExp(String.raw`\bstruct\s+msix_entry\s+${pathRegex(name)}\s*\[[^\]]*\]\s*=\s*\{`).exec(text);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const close = matchBracket(text, open);
  if (close < 0) return null;
  const out: number[] = [];
  for (const item of splitTopLevel(text.slice(open + 1, close)).filter(Boolean)) {
    const inner = item.replace(/^\{\s*/, '').replace(/\s*\}$/, '');
    const named = /\.entry\s*=\s*([^,]+)/.exec(inner);
    const v = evaluate(named ? named[1]! : (splitTopLevel(inner)[0] ?? ''), env).value;
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
}

export function msixEntries(
  arg: string,
  fnCode: string,
  fnStart: number,
  fileCode: string,
  env: ConstEnv,
  nodeAt: (offset: number) => Node | null,
  makeValue: (text: string, at: Node | null) => Value,
): MsixEntries {
  const array = normalise(arg);
  const base = array
    .replace(/^&\s*/, '')
    .replace(/\s*\[\s*0\s*\]$/, '')
    .replace(/\s+/g, '');
  const result: MsixEntries = { array, indices: null };
  if (!/^[A-Za-z_][\w>.-]*$/.test(base)) return result;
  const init = fromInitialiser(base, fnCode, env) ?? fromInitialiser(base, fileCode, env);
  if (init) result.indices = init;
  const assignRe = new RegExp(String.raw`${pathRegex(base)}\s*\[\s*([^\]]+?)\s*\]\s*\.\s*entry\s*=\s*([^;]+);`, 'g');
  const slots: (number | undefined)[] = [];
  let constantOnly = true;
  for (let m = assignRe.exec(fnCode); m; m = assignRe.exec(fnCode)) {
    const idx = m[1]!.trim();
    const val = m[2]!.trim();
    if (idx === val && /^[A-Za-z_]\w*$/.test(idx)) {
      const lb = loopBoundOf(nodeAt(fnStart + m.index), idx);
      if (lb && (lb.init === undefined || evaluate(lb.init, env).value === 0)) result.identityUpTo = makeValue(lb.bound, nodeAt(fnStart + m.index));
      constantOnly = false;
      continue;
    }
    const i = evaluate(idx, env).value;
    const v = evaluate(val, env).value;
    if (i === undefined || v === undefined || i < 0 || i > 4096) {
      constantOnly = false;
      continue;
    }
    slots[i] = v;
  }
  if (constantOnly && slots.length > 0 && !slots.includes(undefined) && [...slots.keys()].every((k) => slots[k] !== undefined))
    result.indices = slots as number[];
  return result;
}
