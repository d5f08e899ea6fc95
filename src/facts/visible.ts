// What one file can see: its own #defines, enums, arrays and structs; then the defines the
// caller supplies (headerDefines); then the kernel constants built into IRQ Lens; then its
// "local.h" includes (followed lazily, recursively); then the <...> headers it includes and
// include/linux/pci_ids.h, when readInclude can find them. Headers are read only when a name
// misses, and a header's tables are built only when its text contains the name; both are cached
// per thread.
import { builtinDefines } from './builtins';
import { blankComments } from './c-text';
import type { ConstEnv } from './const-eval';
import { dirOf } from './directory';
import { collectDefinesBlanked, directiveMatches, type DefineTable, type MacroDef } from './defines';
import { structBodies } from './scope';
import type { EraInfo } from './types';

export type ReadInclude = (fromFile: string, spec: string, quoted: boolean) => string | undefined;

/** Told of every header lookup a file makes, also those the thread's cache answers: a cache of
 *  the file's facts is valid only while these headers are unchanged. */
export type OnInclude = (fromFile: string, spec: string, quoted: boolean) => void;

interface Include {
  spec: string;
  quoted: boolean;
}

/**
 * One header's text; its tables are built on the first name it may hold. Defines and struct
 * bodies are built separately: a struct name such as `pci_dev` is mentioned by most headers,
 * and building every table of each of them cost more than the rest of the lookup.
 */
class Header {
  private clean?: string;
  private defineTable?: DefineTable;
  private structTable?: Record<string, string>;
  private includeList?: Include[];
  private macroNames?: Set<string>;
  /** Answers per name: most drivers include the same kernel headers and ask for the same names. */
  private readonly answers = new Map<string, MacroDef | null>();
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Only local headers are followed further: <...> headers never need theirs scanned. */
  get includes(): Include[] {
    return (this.includeList ??= includesOf(this.text));
  }

  private blanked(): string {
    return (this.clean ??= blankComments(this.text, true));
  }

  define(name: string): MacroDef | undefined {
    let answer = this.answers.get(name);
    if (answer === undefined) {
      const bare = name.startsWith('array:') ? name.slice(6) : name;
      answer = (this.text.includes(bare) && own((this.defineTable ??= collectDefinesBlanked(this.blanked(), this.file)), name)) || null;
      this.answers.set(name, answer);
    }
    return answer ?? undefined;
  }

  /**
   * A function-like macro: asked for most call names of a file, so the header's table is built
   * once instead of searching its text for each name.
   */
  functionMacro(name: string): MacroDef | undefined {
    if (!(this.macroNames ??= functionMacroNames(this.text)).has(name)) return undefined;
    const def = this.define(name);
    return def?.kind === 'function' ? def : undefined;
  }

  struct(name: string): string | undefined {
    // Only a header that could define the struct builds its struct table.
    if (!this.text.includes(name) || !structDefinitionRe(name).test(this.text)) return undefined;
    const s = (this.structTable ??= structBodies(this.blanked()));
    return Object.hasOwn(s, name) ? s[name] : undefined;
  }
}

/**
 * Names of one-line `#define NAME(params) body` whose body calls nothing (the macros the replay
 * expands: macro-exprs.ts), found in raw text by jumping from one `define` to the next: a
 * superset pretest (a commented-out define counts), far cheaper than a large header's table.
 */
function functionMacroNames(text: string): Set<string> {
  const out = new Set<string>();
  for (let at = text.indexOf('define'); at !== -1; at = text.indexOf('define', at + 6)) {
    let i = at + 6;
    if (text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) continue;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const start = i;
    while (i < text.length && /\w/.test(text[i]!)) i++;
    if (i === start || text.charCodeAt(i) !== 40) continue;
    const close = text.indexOf(')', i);
    const eol = text.indexOf('\n', i);
    const body = close === -1 ? '' : text.slice(close + 1, eol === -1 ? text.length : eol);
    if (!body.trimEnd().endsWith('\\') && !/\w\s*\(/.test(body)) out.add(text.slice(start, i));
  }
  return out;
}

/** `struct NAME {` (or a comment before the brace) in raw text: a pretest, the table decides. */
function structDefinitionRe(name: string): RegExp {
  return new RegExp(String.raw`\bstruct\s+${name}\s*(?:\{|\/[*/])`);
}

const includeRe = /[ \t]*#[ \t]*include[ \t]*(?:"([^"\n]+)"|<([^>\n]+)>)/my; // at directive line starts only
const headerCache = new Map<string, Header | null>();
const HEADER_CACHE_MAX = 2000;
const pciIdsHeader: Include = { spec: 'linux/pci_ids.h', quoted: false };

export function includesOf(text: string): Include[] {
  const out: Include[] = [];
  for (const m of directiveMatches(text, includeRe)) out.push(m[1] !== undefined ? { spec: m[1], quoted: true } : { spec: m[2]!, quoted: false });
  return out;
}

function loadHeader(fromFile: string, inc: Include, read: ReadInclude, onInclude: OnInclude | undefined): Header | undefined {
  onInclude?.(fromFile, inc.spec, inc.quoted);
  const key = inc.quoted ? `q:${dirOf(fromFile)}/${inc.spec}` : `a:${inc.spec}`;
  const cached = headerCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let text: string | undefined;
  try {
    text = read(fromFile, inc.spec, inc.quoted);
  } catch {
    text = undefined;
  }
  const file = inc.quoted ? `${dirOf(fromFile)}/${inc.spec}`.replace(/^\//, '') : inc.spec;
  const header = text === undefined ? null : new Header(file, text);
  if (headerCache.size >= HEADER_CACHE_MAX) headerCache.clear();
  headerCache.set(key, header);
  return header ?? undefined;
}

/** Drops every cached header: patch review changes headers in memory between extractions. */
export function clearHeaderCache(): void {
  headerCache.clear();
}

export interface Visible {
  env: ConstEnv;
  /** The file's own constants and the built-ins only: never reads a header (skeleton operands). */
  localEnv: ConstEnv;
  /** A function-like macro of the file or its local ("...") headers: the driver's own helpers. */
  driverMacro(name: string): MacroDef | undefined;
  /** Body of `struct NAME {…}` from the file or its local headers. */
  struct(name: string): string | undefined;
}

const own = (t: Record<string, MacroDef>, name: string): MacroDef | undefined => (Object.hasOwn(t, name) ? t[name] : undefined);

/**
 * Headers in search order, read only when a search gets that far: a name found in the first
 * header never reads the rest (a kernel driver's quoted and <...> includes come to tens of MB).
 * `pull` gives the next header, null to skip one, undefined at the end.
 */
class LazyHeaders {
  private readonly loaded: Header[] = [];
  private done = false;
  constructor(private readonly pull: () => Header | null | undefined) {}

  find<R>(test: (h: Header) => R | undefined): R | undefined {
    for (let i = 0; i < this.loaded.length || this.more(); i++) {
      const r = test(this.loaded[i]!);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private more(): boolean {
    while (!this.done) {
      const h = this.pull();
      if (h === undefined) this.done = true;
      else if (h) {
        this.loaded.push(h);
        return true;
      }
    }
    return false;
  }
}

/** Quoted includes, breadth-first, up to three levels deep. */
function localHeaders(file: string, includes: Include[], read: ReadInclude | undefined, onInclude: OnInclude | undefined): LazyHeaders {
  const seen = new Set<string>();
  const queue = read ? includes.filter((i) => i.quoted).map((inc) => ({ from: file, inc, depth: 0 })) : [];
  let next = 0;
  return new LazyHeaders(() => {
    if (next >= queue.length) return undefined;
    const { from, inc, depth } = queue[next++]!;
    const h = loadHeader(from, inc, read!, onInclude);
    if (!h || seen.has(h.file)) return null;
    seen.add(h.file);
    if (depth < 2) for (const sub of h.includes) if (sub.quoted) queue.push({ from: h.file, inc: sub, depth: depth + 1 });
    return h;
  });
}

/** The <...> headers the file includes (one level, not asm/), then linux/pci_ids.h for PCI IDs. */
function kernelHeaders(file: string, includes: Include[], read: ReadInclude | undefined, onInclude: OnInclude | undefined): LazyHeaders {
  // Architecture headers (asm/) depend on the build target: never read.
  const list = read ? [...includes.filter((i) => !i.quoted && !/^asm\//.test(i.spec)), pciIdsHeader] : [];
  const seen = new Set<Header>();
  let next = 0;
  return new LazyHeaders(() => {
    if (next >= list.length) return undefined;
    const h = loadHeader(file, list[next++]!, read!, onInclude);
    if (!h || seen.has(h)) return null;
    seen.add(h);
    return h;
  });
}

export function makeVisible(opts: {
  file: string;
  text: string;
  clean: string;
  era: EraInfo;
  defines: DefineTable;
  headerDefines?: DefineTable;
  readInclude?: ReadInclude;
  onInclude?: OnInclude;
}): Visible {
  const builtins = builtinDefines(opts.era);
  let locals: LazyHeaders | undefined;
  let kernel: LazyHeaders | undefined;
  let fileIncludes: Include[] | undefined;
  const includes = (): Include[] => (fileIncludes ??= includesOf(opts.text));
  const headers = (): LazyHeaders => (locals ??= localHeaders(opts.file, includes(), opts.readInclude, opts.onInclude));
  const systemHeaders = (): LazyHeaders => (kernel ??= kernelHeaders(opts.file, includes(), opts.readInclude, opts.onInclude));
  let fileStructs: Record<string, string> | undefined;
  // Header searches per name, remembered for the file (errno names, IS_ERR, ... repeat a lot).
  const searched = new Map<string, MacroDef | undefined>();
  const search = (key: string, list: () => LazyHeaders, test: (h: Header) => MacroDef | undefined): MacroDef | undefined => {
    if (searched.has(key)) return searched.get(key);
    const found = list().find(test);
    searched.set(key, found);
    return found;
  };
  /** The file's own definitions, and those its caller supplies (headerDefines). */
  const fileOwn = (name: string): MacroDef | undefined => own(opts.defines, name) ?? (opts.headerDefines ? own(opts.headerDefines, name) : undefined);
  const inHeaders = (name: string): MacroDef | undefined => search(name, headers, (h) => h.define(name));
  const inKernelHeaders = (name: string): MacroDef | undefined => search(`<>${name}`, systemHeaders, (h) => h.define(name));
  return {
    env: {
      lookup(name) {
        // The kernel's own names (built in) come right after the file's: a driver header cannot
        // redefine them, so they never cost a header read.
        const hit = fileOwn(name) ?? own(builtins, name);
        if (hit) return hit;
        // Kernel macros and enum constants are upper case; lower-case names are variables (or
        // min/max-style helpers the evaluator knows), so they never trigger header reads.
        // errno names never size or index an MSI allocation: not worth a header search either.
        if ((!/[A-Z]/.test(name) && !name.startsWith('array:')) || /^E[A-Z0-9]+$/.test(name)) return undefined;
        return inHeaders(name) ?? (opts.readInclude ? inKernelHeaders(name) : undefined);
      },
    },
    localEnv: {
      lookup(name) {
        return fileOwn(name) ?? own(builtins, name);
      },
    },
    driverMacro(name) {
      const def = fileOwn(name);
      if (def) return def.kind === 'function' ? def : undefined;
      return search(`()${name}`, headers, (h) => h.functionMacro(name));
    },
    struct(name) {
      fileStructs ??= structBodies(opts.clean);
      if (Object.hasOwn(fileStructs, name)) return fileStructs[name];
      return headers().find((h) => h.struct(name)) ?? systemHeaders().find((h) => h.struct(name));
    },
  };
}
