// What one file can see: its own #defines, enums, arrays and structs; then the defines the
// caller supplies (headerDefines); then its "local.h" includes (followed lazily, recursively);
// then the kernel constants built into IRQ Lens; then <linux/...> headers when readInclude can
// find them. Headers are read only when a name misses, and their tables are cached per thread.
import { builtinDefines } from './builtins';
import { blankComments } from './c-text';
import type { ConstEnv } from './const-eval';
import { collectDefines, type DefineTable, type MacroDef } from './defines';
import { structBodies } from './scope';
import type { EraInfo } from './types';

export type ReadInclude = (fromFile: string, spec: string, quoted: boolean) => string | undefined;

interface HeaderInfo { file: string; defines: DefineTable; structs: Record<string, string>; includes: Include[] }
interface Include { spec: string; quoted: boolean }

const includeRe = /^[ \t]*#[ \t]*include[ \t]*(?:"([^"\n]+)"|<([^>\n]+)>)/gm;
const headerCache = new Map<string, HeaderInfo | null>();
const HEADER_CACHE_MAX = 2000;

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

function loadHeader(fromFile: string, inc: Include, read: ReadInclude): HeaderInfo | undefined {
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
  const info = text === undefined ? null : { file, defines: collectDefines(text, file), structs: structBodies(blankComments(text, true)), includes: includesOf(text) };
  if (headerCache.size >= HEADER_CACHE_MAX) headerCache.clear();
  headerCache.set(key, info);
  return info ?? undefined;
}

/** Drops every cached header: patch review changes headers in memory between extractions. */
export function clearHeaderCache(): void {
  headerCache.clear();
}

export interface Visible {
  env: ConstEnv;
  /** Struct bodies of the file and its local headers (by struct name). */
  structs(): Record<string, string>;
}

const own = (t: Record<string, MacroDef>, name: string): MacroDef | undefined => (Object.hasOwn(t, name) ? t[name] : undefined);

export function makeVisible(opts: {
  file: string; text: string; clean: string; era: EraInfo; defines: DefineTable;
  headerDefines?: DefineTable; readInclude?: ReadInclude;
}): Visible {
  const builtins = builtinDefines(opts.era);
  const includes = includesOf(opts.text);
  let localHeaders: HeaderInfo[] | undefined;
  let kernelHeaders: HeaderInfo[] | undefined;

  /** Quoted includes, breadth-first, up to three levels deep. */
  const locals = (): HeaderInfo[] => {
    if (localHeaders) return localHeaders;
    localHeaders = [];
    if (!opts.readInclude) return localHeaders;
    const seen = new Set<string>();
    let frontier: { from: string; inc: Include }[] = includes.filter((i) => i.quoted).map((inc) => ({ from: opts.file, inc }));
    for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const { from, inc } of frontier) {
        const h = loadHeader(from, inc, opts.readInclude);
        if (!h || seen.has(h.file)) continue;
        seen.add(h.file);
        localHeaders.push(h);
        for (const sub of h.includes) if (sub.quoted) next.push({ from: h.file, inc: sub });
      }
      frontier = next;
    }
    return localHeaders;
  };
  /** <linux/...> includes of the file and theirs (two levels; tables are cached across files). */
  const kernel = (): HeaderInfo[] => {
    if (kernelHeaders) return kernelHeaders;
    kernelHeaders = [];
    if (!opts.readInclude) return kernelHeaders;
    const seen = new Set<string>();
    let frontier = includes.filter((i) => !i.quoted && /^(linux|uapi|asm)\//.test(i.spec));
    for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
      const next: Include[] = [];
      for (const inc of frontier) {
        if (seen.has(inc.spec)) continue;
        seen.add(inc.spec);
        const h = loadHeader(opts.file, inc, opts.readInclude);
        if (!h) continue;
        kernelHeaders.push(h);
        for (const sub of h.includes) if (!sub.quoted && /^linux\//.test(sub.spec)) next.push(sub);
      }
      frontier = next;
    }
    return kernelHeaders;
  };
  let structCache: Record<string, string> | undefined;
  return {
    env: {
      lookup(name) {
        const hit = own(opts.defines, name) ?? (opts.headerDefines ? own(opts.headerDefines, name) : undefined);
        if (hit) return hit;
        for (const h of locals()) { const d = own(h.defines, name); if (d) return d; }
        const b = own(builtins, name);
        if (b) return b;
        if (name.startsWith('array:')) return undefined;
        for (const h of kernel()) { const d = own(h.defines, name); if (d) return d; }
        return undefined;
      },
    },
    structs() {
      if (structCache) return structCache;
      structCache = {};
      for (const h of [...locals()].reverse()) Object.assign(structCache, h.structs);
      Object.assign(structCache, structBodies(opts.clean));
      return structCache;
    },
  };
}
