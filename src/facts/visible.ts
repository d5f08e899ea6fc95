// What one file can see: its own #defines, enums, arrays and structs; then the defines the
// caller supplies (headerDefines); then the kernel constants built into IRQ Lens; then its
// "local.h" includes (followed lazily, recursively); then the <...> headers it includes and
// include/linux/pci_ids.h, when readInclude can find them. Headers are read only when a name
// misses, and a header's tables are built only when its text contains the name; both are cached
// per thread.
import { builtinDefines } from './builtins';
import { blankComments } from './c-text';
import type { ConstEnv } from './const-eval';
import { collectDefinesBlanked, type DefineTable, type MacroDef } from './defines';
import { structBodies } from './scope';
import type { EraInfo } from './types';

export type ReadInclude = (fromFile: string, spec: string, quoted: boolean) => string | undefined;

interface Include { spec: string; quoted: boolean }

class Header {
  private tables?: { defines: DefineTable; structs: Record<string, string> };
  private includeList?: Include[];
  constructor(readonly file: string, readonly text: string) {}

  /** Only local headers are followed further: <...> headers never need theirs scanned. */
  get includes(): Include[] {
    return (this.includeList ??= includesOf(this.text));
  }

  private build(): { defines: DefineTable; structs: Record<string, string> } {
    if (!this.tables) {
      const clean = blankComments(this.text, true);
      this.tables = { defines: collectDefinesBlanked(clean, this.file), structs: structBodies(clean) };
    }
    return this.tables;
  }

  define(name: string): MacroDef | undefined {
    const bare = name.startsWith('array:') ? name.slice(6) : name;
    if (!this.text.includes(bare)) return undefined;
    return own(this.build().defines, name);
  }

  struct(name: string): string | undefined {
    if (!this.text.includes(name)) return undefined;
    const s = this.build().structs;
    return Object.hasOwn(s, name) ? s[name] : undefined;
  }
}

const includeRe = /^[ \t]*#[ \t]*include[ \t]*(?:"([^"\n]+)"|<([^>\n]+)>)/gm;
const headerCache = new Map<string, Header | null>();
const HEADER_CACHE_MAX = 2000;
const pciIdsHeader: Include = { spec: 'linux/pci_ids.h', quoted: false };

export function includesOf(text: string): Include[] {
  const out: Include[] = [];
  includeRe.lastIndex = 0;
  for (let m = includeRe.exec(text); m; m = includeRe.exec(text)) out.push(m[1] !== undefined ? { spec: m[1], quoted: true } : { spec: m[2]!, quoted: false });
  return out;
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

function loadHeader(fromFile: string, inc: Include, read: ReadInclude): Header | undefined {
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
  /** Body of `struct NAME {…}` from the file or its local headers. */
  struct(name: string): string | undefined;
}

const own = (t: Record<string, MacroDef>, name: string): MacroDef | undefined => (Object.hasOwn(t, name) ? t[name] : undefined);

/** Quoted includes, breadth-first, up to three levels deep. */
function localHeaders(file: string, includes: Include[], read: ReadInclude | undefined): Header[] {
  const out: Header[] = [];
  if (!read) return out;
  const seen = new Set<string>();
  let frontier = includes.filter((i) => i.quoted).map((inc) => ({ from: file, inc }));
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { from, inc } of frontier) {
      const h = loadHeader(from, inc, read);
      if (!h || seen.has(h.file)) continue;
      seen.add(h.file);
      out.push(h);
      for (const sub of h.includes) if (sub.quoted) next.push({ from: h.file, inc: sub });
    }
    frontier = next;
  }
  return out;
}

export function makeVisible(opts: {
  file: string; text: string; clean: string; era: EraInfo; defines: DefineTable;
  headerDefines?: DefineTable; readInclude?: ReadInclude;
}): Visible {
  const builtins = builtinDefines(opts.era);
  let locals: Header[] | undefined;
  let fileIncludes: Include[] | undefined;
  const includes = (): Include[] => (fileIncludes ??= includesOf(opts.text));
  const headers = (): Header[] => (locals ??= localHeaders(opts.file, includes(), opts.readInclude));
  let fileStructs: Record<string, string> | undefined;
  // Header searches per name, remembered for the file (errno names, IS_ERR, ... repeat a lot).
  const searched = new Map<string, MacroDef | undefined>();
  const inHeaders = (name: string): MacroDef | undefined => {
    if (searched.has(name)) return searched.get(name);
    let found: MacroDef | undefined;
    for (const h of headers()) { found = h.define(name); if (found) break; }
    searched.set(name, found);
    return found;
  };
  // <...> headers the file includes (one level, not asm/), then linux/pci_ids.h for PCI IDs.
  let kernel: Header[] | undefined;
  const kernelHeaders = (): Header[] => {
    if (kernel) return kernel;
    kernel = [];
    const read = opts.readInclude;
    if (!read) return kernel;
    // Architecture headers (asm/) depend on the build target: never read.
    const incs = includes().filter((i) => !i.quoted && !/^asm\//.test(i.spec));
    for (const inc of [...incs, pciIdsHeader]) { const h = loadHeader(opts.file, inc, read); if (h && !kernel.includes(h)) kernel.push(h); }
    return kernel;
  };
  const inKernelHeaders = (name: string): MacroDef | undefined => {
    const key = `<>${name}`;
    if (searched.has(key)) return searched.get(key);
    let found: MacroDef | undefined;
    for (const h of kernelHeaders()) { found = h.define(name); if (found) break; }
    searched.set(key, found);
    return found;
  };
  return {
    env: {
      lookup(name) {
        // The kernel's own names (built in) come right after the file's: a driver header cannot
        // redefine them, so they never cost a header read.
        const hit = own(opts.defines, name) ?? (opts.headerDefines ? own(opts.headerDefines, name) : undefined) ?? own(builtins, name);
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
        return own(opts.defines, name) ?? (opts.headerDefines ? own(opts.headerDefines, name) : undefined) ?? own(builtins, name);
      },
    },
    struct(name) {
      fileStructs ??= structBodies(opts.clean);
      if (Object.hasOwn(fileStructs, name)) return fileStructs[name];
      for (const h of headers()) { const s = h.struct(name); if (s) return s; }
      for (const h of kernelHeaders()) { const s = h.struct(name); if (s) return s; }
      return undefined;
    },
  };
}
