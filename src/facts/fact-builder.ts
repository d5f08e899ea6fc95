// Turns one MSI call (name + argument texts + position) into an MsiFact: picks the catalogue
// signature, classifies the device, evaluates index/count/flags arguments with loop bounds.
import { pciIrqFlagNames } from './pci-irq-flags';
import type { Node } from 'web-tree-sitter';
import { offsetRange } from '../parse/node-range';
import { normalise } from './c-text';
import { catalogueRow, type ApiRow, type ApiSignature, type ArgRole } from './catalogue';
import { evaluate } from './const-eval';
import { classifyDevice } from './device';
import type { FileContext } from './file-context';
import { localValues, withLocals } from './local-constants';
import { loopBoundOf } from './loop-bounds';
import type { CallSite } from './call-site';
import { msixEntries } from './msix';
import type { MsiFact, Value } from './types';

export type { CallSite };

/** Chooses the signature by argument count, then by what the first argument is, then by era. */
function pickSignature(row: ApiRow, args: string[], ctx: FileContext, site: CallSite): ApiSignature | undefined {
  const fits = row.signatures.filter((s) => s.args.length === args.length);
  if (fits.length <= 1) return fits[0];
  const first = normalise(args[0] ?? '');
  const root = /^&?\s*\(?\s*([A-Za-z_]\w*)/.exec(first)?.[1];
  const type = root ? ctx.scope.varType(root, site.fnCode) : undefined;
  const pick = (era: '6.1' | '6.2+'): ApiSignature | undefined => fits.find((s) => s.era === era);
  // The member finally named decides (`dev->msi.domain` is a domain, `&pdev->dev` a device).
  const last = /(\w+)\s*\)?\s*$/.exec(first)?.[1] ?? '';
  const whole = root === first.replace(/^&\s*/, '');
  if ((whole && type && /irq_domain/.test(type)) || /dom/i.test(last)) return pick('6.1') ?? fits[0];
  if ((whole && type && /struct device\b/.test(type)) || /^dev$/.test(last)) return pick('6.2+') ?? fits[0];
  return pick(ctx.input.era.era === 'per-domain' ? '6.2+' : '6.1') ?? fits[0];
}

function makeValue(text: string, ctx: FileContext, at: Node | null, fnCode?: string): Value {
  const env = withLocals(ctx.visible.env, fnCode);
  const r = evaluate(text, env);
  const v: Value = { text: normalise(text), chain: r.chain };
  if (r.value !== undefined) v.value = r.value;
  if (r.anyIndex) v.anyIndex = true;
  if (r.symbols.length > 0) v.symbols = r.symbols;
  if (r.value !== undefined) return v;
  // A local holding one of several constants: their range.
  const local = /^[a-z_]\w*$/.test(v.text) ? localValues(v.text, fnCode, ctx.visible.env) : undefined;
  if (local) {
    v.min = Math.min(...local.values);
    v.max = Math.max(...local.values);
    v.chain = [`${v.text} = ${local.texts.join(' or ')}`];
  }
  for (const sym of r.symbols) {
    const lb = loopBoundOf(at, sym);
    if (!lb) continue;
    const bound = evaluate(lb.bound, env);
    v.loopBound = { variable: sym, bound: lb.bound, inclusive: lb.inclusive };
    const bv: Value = { text: lb.bound, chain: bound.chain };
    if (bound.value !== undefined) bv.value = bound.value;
    if (bound.symbols.length > 0) bv.symbols = bound.symbols;
    v.loopBound.boundValue = bv;
    if (v.text === sym) {
      const init = lb.init !== undefined ? evaluate(lb.init, env).value : undefined;
      if (init !== undefined) v.min = init;
      if (bound.value !== undefined) v.max = lb.inclusive ? bound.value : bound.value - 1;
    }
    break;
  }
  return v;
}

/** Names of the PCI_IRQ_* bits in `value`, in the order `text` writes them, then the rest. */
function flagNames(value: number, text: string, ctx: FileContext): string[] {
  const bits = pciIrqFlagNames(value, ctx.input.era.intxFlag);
  const order = (text.match(/\bPCI_IRQ_\w+/g) ?? []).map((n) => (n === 'PCI_IRQ_LEGACY' || n === 'PCI_IRQ_INTX' ? ctx.input.era.intxFlag : n));
  return [...order.filter((n) => bits.includes(n)), ...bits.filter((n) => !order.includes(n))].filter((n, i, a) => a.indexOf(n) === i);
}

/** PCI_IRQ_* names set by a flags argument; the INTx bit is named as the era's headers name it. */
function flagsOf(text: string, ctx: FileContext, fnCode: string | undefined): { flags?: string[]; partial: boolean } {
  const r = evaluate(text, withLocals(ctx.visible.env, fnCode));
  if (r.value !== undefined) return { flags: flagNames(r.value, text, ctx), partial: false };
  // A local assigned only constants: the union of every value it may hold.
  const local = localValues(text.trim(), fnCode, ctx.visible.env);
  if (local)
    return {
      flags: flagNames(
        local.values.reduce((a, b) => a | b, 0),
        local.texts.join(' | '),
        ctx,
      ),
      partial: false,
    };
  const seen = [...new Set(text.match(/\bPCI_IRQ_\w+/g) ?? [])];
  return seen.length > 0 ? { flags: seen, partial: true } : { partial: true };
}

/** The lvalue receiving the call's result: `ret = f(…)`, `int ret = f(…)`, `a->nvec = f(…)`. */
function resultOf(code: string, offset: number): string | undefined {
  const before = code.slice(Math.max(0, offset - 160), offset);
  const m = /([A-Za-z_]\w*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\s*\[[^\][]*\])*)\s*(?<![=!<>+\-*/%&|^])=\s*(?:\(\s*[A-Za-z_][\w\s]*\)\s*)?$/.exec(before);
  return m ? m[1]!.replace(/\s+/g, '') : undefined;
}

function impliedDomain(sig: ApiSignature, ctx: FileContext): Value | undefined {
  const era = ctx.input.era;
  if (!sig.impliedDomain || (sig.era === 'any' && era.era !== 'per-domain')) return undefined;
  const name = sig.impliedDomain === 'default' ? 'MSI_DEFAULT_DOMAIN' : 'MSI_SECONDARY_DOMAIN';
  const value = era.domainIds[name] ?? (sig.impliedDomain === 'default' ? 0 : 1);
  return { text: `${name} (implied)`, value, chain: [] };
}

/** `map` -> `map`, `dma->err_map` -> `dma->err_map`, `*m` -> `(*m)`: a base for `.index`. */
function memberBase(text: string): string {
  const t = normalise(text);
  return /^[A-Za-z_][\w]*(?:\s*(?:->|\.)\s*[A-Za-z_]\w*|\[[^\]]*\])*$/.test(t) ? t.replace(/\s+/g, '') : `(${t})`;
}

/**
 * Index of a caller-built descriptor: `&desc` -> `desc.msi_index`, `d` -> `d->msi_index`, resolved
 * when the function assigns that field exactly once.
 */
function descIndex(text: string, ctx: FileContext, site: CallSite): Value {
  const t = normalise(text).replace(/\s+/g, '');
  const field = t.startsWith('&') ? `${t.slice(1)}.msi_index` : `${t}->msi_index`;
  const pattern = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/(->|\\\.)/g, '\\s*$1\\s*');
  const assigns = site.fnCode ? [...site.fnCode.matchAll(new RegExp(String.raw`${pattern}\s*=(?!=)\s*([^;]+);`, 'g'))] : [];
  const v = makeValue(assigns.length === 1 ? assigns[0]![1]! : field, ctx, site.node, site.fnCode);
  return assigns.length === 1 ? { ...v, text: field, chain: [`${field} = ${normalise(assigns[0]![1]!)}`, ...v.chain] } : v;
}

const valueRoles: Partial<Record<ArgRole, 'domain' | 'index' | 'first' | 'last' | 'count' | 'min' | 'max' | 'hwsize'>> = {
  domid: 'domain',
  index: 'index',
  first: 'first',
  last: 'last',
  count: 'count',
  min: 'min',
  max: 'max',
  hwsize: 'hwsize',
};

export function buildFact(id: number, site: CallSite, ctx: FileContext): { fact: MsiFact; problem?: string } {
  const row = catalogueRow(site.name)!;
  const sig = pickSignature(row, site.args, ctx, site);
  const fact: MsiFact = {
    id,
    file: ctx.input.file,
    api: site.name,
    kind: row.kind,
    signature: sig?.era ?? 'any',
    range: offsetRange(ctx.starts, site.offset, site.offset + site.name.length),
    callRange: offsetRange(ctx.starts, site.offset, site.close + 1),
    function: site.functionName,
    args: site.args.map(normalise),
  };
  const result = resultOf(ctx.code, site.offset);
  if (result) fact.result = result;
  if (!sig) {
    const counts = [...new Set(row.signatures.map((s) => s.args.length))].join(' or ');
    return { fact, problem: `${site.name} called with ${site.args.length} argument(s); the catalogue knows ${counts}: arguments left unresolved` };
  }
  sig.args.forEach((role, i) => {
    const text = site.args[i] ?? '';
    if (role === 'device' || role === 'pci') fact.device = classifyDevice(text, role, site.fnCode, ctx.scope);
    else if (role === 'irqDomain') fact.irqDomain = normalise(text);
    else if (role === 'flags') {
      const f = flagsOf(text, ctx, site.fnCode);
      if (f.flags) fact.flags = f.flags;
      if (f.partial) fact.flagsPartial = true;
    } else if (role === 'entries' && site.fnCode !== undefined)
      fact.entries = msixEntries(text, site.fnCode, site.fnStart, ctx.code, ctx.visible.env, site.nodeAt, (t, at) => makeValue(t, ctx, at, site.fnCode));
    else if (role === 'entries') fact.entries = { array: normalise(text), indices: null };
    else if (role === 'map') fact.index = makeValue(`${memberBase(text)}.index`, ctx, site.node, site.fnCode);
    else if (role === 'desc' && row.kind === 'insert') fact.index = descIndex(text, ctx, site);
    else {
      const field = valueRoles[role];
      if (field) fact[field] = makeValue(text, ctx, site.node, site.fnCode);
    }
  });
  if (fact.domain === undefined) {
    const d = impliedDomain(sig, ctx);
    if (d) fact.domain = d;
  }
  if (!fact.flags && row.impliedFlags) fact.flags = [...row.impliedFlags];
  if (!fact.index && row.impliedAnyIndex) fact.index = { text: 'MSI_ANY_INDEX (implied)', value: 0xffffffff, anyIndex: true, chain: [] };
  if (!fact.count && row.impliedCount !== undefined) fact.count = { text: `${row.impliedCount} (implied)`, value: row.impliedCount, chain: [] };
  return { fact };
}
