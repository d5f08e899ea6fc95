// Driver-local conditional compilation: `#if`/`#ifdef`/`#ifndef`/`#elif`/`#else` evaluated for
// the macros the file (and the local headers it includes, walked in place) define or #undef.
// A macro the driver cannot decide (CONFIG_*, toolchain and kbuild names, -D flags of its
// Makefile, names the kernel headers define) is unknown: both sides of its conditional stay,
// marked, so findings there are at most warnings. A branch that is certainly not compiled
// (`#if 0`, `#ifdef NEVER_DEFINED`, the `#else` of a defined macro) is dead: it is blanked
// before anything reads the file, so it yields neither facts nor skeleton statements.
import { evaluate, type ConstEnv } from './const-eval';
import type { MacroDef } from './defines';
import { directivesOf, headerDirectives, type Directive } from './directives';
import type { Conditional } from './types';

/** Names kbuild, the compiler or arch headers the facts layer never reads decide. */
const externalNames = new Set([
  'MODULE',
  'DEBUG',
  'VERBOSE_DEBUG',
  'LINUX_VERSION_CODE',
  'BITS_PER_LONG',
  'PAGE_SIZE',
  'PAGE_SHIFT',
  'L1_CACHE_BYTES',
  'NR_CPUS',
]);
const externalPrefixes = ['CONFIG_', 'KBUILD_', 'ARCH_', 'HAVE_', 'CC_'];

/** A name the preprocessor walk cannot decide from the driver's own text. */
export function isExternalName(name: string): boolean {
  return !/^[A-Z][A-Z0-9_]*$/.test(name) || externalNames.has(name) || externalPrefixes.some((p) => name.startsWith(p));
}

export interface PreprocEnv {
  /** Text of a quoted include, seen from the file (undefined: not found). */
  readLocal?(spec: string): string | undefined;
  /** The name may be defined outside the driver's text (Makefile -D, kernel headers). */
  external(name: string): boolean;
}

export type BranchState = 'dead' | 'unknown';

export interface PreprocResult {
  /** Ranges to blank, sorted and disjoint: dead branches and the directives of decided groups. */
  blank: [number, number][];
  /** Code under an undecided condition (innermost condition), sorted by start; may nest. */
  unknown: { start: number; end: number; cond: Conditional }[];
  /** State of each kept conditional directive's branch, by the offset of its `#`. */
  branches: Map<number, { state: BranchState; cond: Conditional }>;
  /** Names taken as undefined because nothing the walk read defines them. */
  assumedUndefined: Set<string>;
}

type Tri = 'yes' | 'no' | 'maybe';
type Macro = { state: 'def'; def: MacroDef } | { state: 'undef' } | { state: 'unknown' };
type Region = 'live' | 'dead' | 'unknown';

interface Group {
  /** State of the code around the group. */
  outer: Region;
  outerCond: Conditional | undefined;
  /** Whether an earlier branch was taken. */
  taken: Tri;
  branch: Tri;
  cond: Conditional | undefined;
  /** The group's first undecided condition (what an undecided `#else` depends on). */
  decider: Conditional | undefined;
  /** Where the current branch's code starts. */
  from: number;
  /** Directive lines of the group ([start, end)) with their `#` offsets and branch states. */
  directives: { start: number; end: number; hash: number; branch: Tri; cond: Conditional | undefined }[];
}

const MAX_INCLUDE_DEPTH = 3;
const MAX_ATOMS = 6;

function regionOf(outer: Region, branch: Tri): Region {
  if (outer === 'dead' || branch === 'no') return 'dead';
  return outer === 'unknown' || branch === 'maybe' ? 'unknown' : 'live';
}

const not = (t: Tri): Tri => (t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe');

/** One walk of a file's directives; local headers are walked in place with the same macro state. */
class Walk {
  readonly macros = new Map<string, Macro>();
  readonly result: PreprocResult = { blank: [], unknown: [], branches: new Map(), assumedUndefined: new Set() };
  private readonly seenHeaders = new Set<string>();
  constructor(private readonly env: PreprocEnv) {}

  private readonly external = new Map<string, boolean>();

  macro(name: string): Macro {
    const m = this.macros.get(name);
    if (m) return m;
    let ext = this.external.get(name);
    if (ext === undefined) {
      this.external.set(name, (ext = isExternalName(name) || this.env.external(name)));
      if (!ext) this.result.assumedUndefined.add(name);
    }
    return ext ? { state: 'unknown' } : { state: 'undef' };
  }

  /** Walks a text's directives; regions are recorded only for the file itself (`end`: its length). */
  text(directives: Directive[], end: number, base: Region, baseCond: Conditional | undefined, record: boolean, depth: number): void {
    const stack: Group[] = [];
    const here = (): { region: Region; cond: Conditional | undefined } => {
      const g = stack[stack.length - 1];
      if (!g) return { region: base, cond: baseCond };
      return { region: regionOf(g.outer, g.branch), cond: g.branch === 'maybe' ? g.cond : g.outerCond };
    };
    const closeBranch = (g: Group, at: number): void => {
      if (!record) return;
      const region = regionOf(g.outer, g.branch);
      if (region === 'dead' && g.outer !== 'dead') this.result.blank.push([g.from, at]);
      else if (region === 'unknown' && g.branch === 'maybe' && g.cond) this.result.unknown.push({ start: g.from, end: at, cond: g.cond });
    };
    for (const d of directives) {
      const { start, end, hash, name, rest } = d;
      const { region, cond } = here();
      const line = { start, end, hash };
      switch (name) {
        case 'if':
        case 'ifdef':
        case 'ifndef': {
          const test = region === 'dead' ? { value: 'no' as Tri, cond: undefined } : this.test(name, rest);
          stack.push({
            outer: region,
            outerCond: cond,
            taken: test.value,
            branch: test.value,
            cond: test.cond,
            decider: test.cond,
            from: end,
            directives: [{ ...line, branch: test.value, cond: test.cond }],
          });
          break;
        }
        case 'elif':
        case 'elifdef':
        case 'elifndef':
        case 'else': {
          const g = stack[stack.length - 1];
          if (!g) break;
          closeBranch(g, start);
          const test =
            name === 'else'
              ? { value: 'yes' as Tri, cond: undefined }
              : g.outer === 'dead'
                ? { value: 'no' as Tri, cond: undefined }
                : this.test(name.replace('el', '') as 'if', rest);
          g.decider ??= test.cond;
          const elseOf = (t: Tri): Tri => (g.taken === 'yes' ? 'no' : g.taken === 'no' ? t : t === 'no' ? 'no' : 'maybe');
          g.branch = elseOf(test.value);
          const decider = g.decider && { macro: g.decider.macro, directive: `${name === 'else' ? '#else' : `#${name} ${rest}`} after ${g.decider.directive}` };
          g.cond = g.branch !== 'maybe' ? undefined : test.value === 'maybe' ? test.cond : decider;
          g.taken = g.taken === 'yes' || test.value === 'yes' ? 'yes' : g.taken === 'no' && test.value === 'no' ? 'no' : 'maybe';
          g.from = end;
          g.directives.push({ ...line, branch: g.branch, cond: g.cond });
          break;
        }
        case 'endif': {
          const g = stack.pop();
          if (!g) break;
          closeBranch(g, start);
          if (record && g.outer !== 'dead') this.recordDirectives(g, line);
          break;
        }
        case 'define':
        case 'undef':
          if (region !== 'dead') this.define(name, rest, region, start);
          break;
        case 'include':
          // Strings are blanked in `clean`: the header's name is read from the raw text.
          if (region !== 'dead' && depth < MAX_INCLUDE_DEPTH && d.spec) this.include(d.spec, region, cond, depth);
          break;
      }
    }
    // An unterminated group runs to the end of the file.
    for (let g = stack.pop(); g; g = stack.pop()) closeBranch(g, end);
  }

  /** A decided group's directives are blanked (the parser sees plain code); an undecided one's kept. */
  private recordDirectives(g: Group, endif: { start: number; end: number }): void {
    if (g.directives.every((d) => d.branch !== 'maybe')) {
      for (const d of g.directives) this.result.blank.push([d.start, d.end]);
      this.result.blank.push([endif.start, endif.end]);
      return;
    }
    for (const d of g.directives) {
      const state: BranchState = d.branch === 'no' ? 'dead' : 'unknown';
      this.result.branches.set(d.hash, { state, cond: d.cond ?? { macro: '', directive: '' } });
    }
  }

  private define(kind: string, rest: string, region: Region, at: number): void {
    const m = /^([A-Za-z_]\w*)(\(([^)]*)\))?\s*([\s\S]*)$/.exec(rest);
    if (!m) return;
    const name = m[1]!;
    const def: MacroDef =
      m[2] !== undefined
        ? {
            kind: 'function',
            body: m[4]!.trim(),
            params: m[3]!
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean),
            file: '',
            line: at,
          }
        : { kind: 'object', body: m[4]!.trim(), file: '', line: at };
    const after: Macro = kind === 'undef' ? { state: 'undef' } : { state: 'def', def };
    // In some configurations only: known afterwards only when it changes nothing (an #undef of
    // a macro nobody defined, as in `#if !defined CONFIG_PCI_MSI / #undef DRV_MSI`).
    const before = this.macro(name);
    const same = before.state === after.state && (before.state !== 'def' || (after.state === 'def' && before.def.body === after.def.body));
    this.macros.set(name, region === 'unknown' && !same ? { state: 'unknown' } : after);
  }

  private include(spec: string, region: Region, cond: Conditional | undefined, depth: number): void {
    if (this.seenHeaders.has(spec) || !this.env.readLocal) return;
    this.seenHeaders.add(spec);
    const text = this.env.readLocal(spec);
    // Its code is not this file's: only its effect on the macros counts.
    if (text !== undefined) this.text(headerDirectives(text), text.length, region, cond, false, depth + 1);
  }

  /** `#if EXPR` / `#ifdef NAME` / `#ifndef NAME`: yes, no, or maybe with the macro that decides. */
  test(kind: 'if' | 'ifdef' | 'ifndef', rest: string): { value: Tri; cond: Conditional | undefined } {
    const directive = `#${kind} ${rest}`.trim();
    if (kind !== 'if') {
      const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
      if (!name) return { value: 'maybe', cond: { macro: '', directive } };
      const m = this.macro(name);
      const v: Tri = m.state === 'def' ? 'yes' : m.state === 'undef' ? 'no' : 'maybe';
      return { value: kind === 'ifdef' ? v : not(v), cond: v === 'maybe' ? { macro: name, directive } : undefined };
    }
    const { value, unknown } = this.evaluateIf(rest);
    return { value, cond: value === 'maybe' ? { macro: unknown ?? '', directive } : undefined };
  }

  /**
   * `#if` expression: defined()/IS_ENABLED() of an unknown macro become atoms; the value is
   * decided when every assignment of the atoms gives the same truth.
   */
  private evaluateIf(expr: string): { value: Tri; unknown: string | undefined } {
    const atoms: string[] = [];
    let firstUnknown: string | undefined;
    const atom = (name: string, known: (m: Macro & { state: 'def' | 'undef' }) => string): string => {
      const m = this.macro(name);
      if (m.state !== 'unknown') return known(m);
      firstUnknown ??= name;
      let i = atoms.indexOf(name);
      if (i < 0) i = atoms.push(name) - 1;
      return ` __pp_atom${i} `;
    };
    const text = expr
      .replace(/\bdefined\s*(?:\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))/g, (_, a: string | undefined, b: string | undefined) =>
        atom((a ?? b)!, (m) => (m.state === 'def' ? '1' : '0')),
      )
      .replace(/\bIS_(ENABLED|BUILTIN|MODULE|REACHABLE)\s*\(\s*([A-Za-z_]\w*)\s*\)/g, (_, which: string, name: string) =>
        atom(name, (m) => (which !== 'MODULE' && m.state === 'def' && m.def.body === '1' ? '1' : '0')),
      );
    for (const id of text.match(/\b[A-Za-z_]\w*/g) ?? [])
      if (!id.startsWith('__pp_atom') && this.macro(id).state === 'unknown') {
        firstUnknown ??= id;
        break;
      }
    if (atoms.length > MAX_ATOMS) return { value: 'maybe', unknown: firstUnknown };
    let seen: Tri | undefined;
    for (let bits = 0; bits < 1 << atoms.length; bits++) {
      const env: ConstEnv = { lookup: (name) => this.lookup(name, bits) };
      const v = evaluate(text, env).value;
      const t: Tri = v === undefined ? 'maybe' : v !== 0 ? 'yes' : 'no';
      seen = seen === undefined || seen === t ? t : 'maybe';
      if (seen === 'maybe') break;
    }
    return { value: seen ?? 'maybe', unknown: firstUnknown };
  }

  private lookup(name: string, bits: number): MacroDef | undefined {
    const atom = /^__pp_atom(\d+)$/.exec(name);
    if (atom) return { kind: 'object', body: (bits >> Number(atom[1])) & 1 ? '1' : '0', file: '', line: 0 };
    const m = this.macro(name);
    // In #if, a name that is no macro counts as 0 (C11 6.10.1p4).
    return m.state === 'def' ? m.def : m.state === 'undef' ? { kind: 'object', body: '0', file: '', line: 0 } : undefined;
  }
}

/** Evaluates the conditionals of `clean` (the file, comments blanked, directives kept). */
export function preprocess(clean: string, raw: string, env: PreprocEnv): PreprocResult {
  if (!/#[ \t]*(?:if|el)/.test(clean)) return { blank: [], unknown: [], branches: new Map(), assumedUndefined: new Set() };
  const walk = new Walk(env);
  walk.text(directivesOf(clean, raw), clean.length, 'live', undefined, true, 0);
  const r = walk.result;
  r.blank = mergeRanges(r.blank);
  r.unknown.sort((a, b) => a.start - b.start);
  return r;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** `text` with the ranges blanked (line breaks kept, so every offset and line stays). */
export function blankRanges(text: string, ranges: [number, number][]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const [s, e] of ranges) {
    parts.push(text.slice(last, s), text.slice(s, e).replace(/[^\n\r]/g, ' '));
    last = e;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** The innermost undecided condition around `offset`, if any. */
export function conditionalAt(r: PreprocResult, offset: number): Conditional | undefined {
  let found: { start: number; end: number; cond: Conditional } | undefined;
  for (const u of r.unknown) {
    if (u.start > offset) break;
    if (offset < u.end && (!found || u.start >= found.start)) found = u;
  }
  return found?.cond;
}

/** Whether [from, to) touches a blanked range (an edit there changes what is compiled). */
export function touchesBlank(r: PreprocResult, from: number, to: number): boolean {
  return r.blank.some(([s, e]) => from <= e && to >= s);
}

/** The result after an edit that replaced [.., at) and moved what follows by `delta`. */
export function shiftPreproc(r: PreprocResult, at: number, delta: number): PreprocResult {
  if (delta === 0) return r;
  const move = (o: number): number => (o >= at ? o + delta : o);
  return {
    blank: r.blank.map(([s, e]) => [move(s), move(e)]),
    unknown: r.unknown.map((u) => ({ ...u, start: move(u.start), end: move(u.end) })),
    branches: new Map([...r.branches].map(([hash, b]) => [move(hash), b])),
    assumedUndefined: r.assumedUndefined,
  };
}
