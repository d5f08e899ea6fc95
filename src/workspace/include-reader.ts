// Reads the headers a file includes, lazily and once per worker, so that #defines used as MSI
// arguments resolve. "x.h" is looked up next to the including file first; <linux/x.h> under the
// kernel tree's include/ (and the arch's include/ when the file is under arch/ARCH/, else x86).
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { HeaderStamp } from '../facts/types';
import type { OnInclude } from '../facts/visible';
import { readUserText } from './file-reader';
import type { TreeBounds } from './tree-bounds';

export type ReadInclude = (fromFile: string, spec: string, quoted: boolean) => string | undefined;

/** Generated register headers reach tens of MB and hold no MSI constants worth their parse. */
export const maxHeaderBytes = 2 * 1024 * 1024;

export interface IncludeReaderOptions {
  /** Directory that relative file names (as given to the facts layer) resolve against. */
  cwd: string;
  /** Root of the kernel tree when scanning one. */
  kernelRoot?: string;
  /** Headers whose real path leaves these bounds (a link out of the tree) are not read. */
  bounds?: TreeBounds;
}

function archOf(absFile: string, kernelRoot: string): string {
  const parts = relative(kernelRoot, absFile).split(sep);
  return parts[0] === 'arch' && parts[1] ? parts[1] : 'x86';
}

function systemDirs(absFile: string, kernelRoot: string | undefined): string[] {
  if (!kernelRoot) return [];
  const arch = archOf(absFile, kernelRoot);
  return [
    join(kernelRoot, 'include'),
    join(kernelRoot, 'arch', arch, 'include'),
    join(kernelRoot, 'include', 'uapi'),
    join(kernelRoot, 'arch', arch, 'include', 'uapi'),
  ];
}

/** The files a lookup tries, in order. */
function candidatesOf(options: IncludeReaderOptions, fromFile: string, spec: string, quoted: boolean): string[] {
  const absFrom = resolve(options.cwd, fromFile);
  const dirs = systemDirs(absFrom, options.kernelRoot);
  return (quoted ? [dirname(absFrom), ...dirs] : dirs).map((dir) => join(dir, spec));
}

export interface IncludeReader {
  read: ReadInclude;
  /** What a lookup `read` already made found: each file it tried, up to the one it read. */
  stamps(fromFile: string, spec: string, quoted: boolean): HeaderStamp[];
  /** Drops what was read from `abs` and its stamp: it changed (the language server's edits). */
  forget(abs: string): void;
}

/**
 * `buffers` (absolute path -> text) answers before the disk: an editor's unsaved headers.
 */
export function createIncludeReader(options: IncludeReaderOptions, buffers?: ReadonlyMap<string, string>): IncludeReader {
  const texts = new Map<string, string | undefined>();
  const readOnce = (abs: string): string | undefined => {
    if (texts.has(abs)) return texts.get(abs);
    // A missing header is normal (configs, generated files, other arches): no message.
    const read = readUserText(abs, { maxBytes: maxHeaderBytes, ...(options.bounds ? { bounds: options.bounds } : {}) });
    const text = read.ok ? read.text : undefined;
    texts.set(abs, text);
    return text;
  };
  const stampOf = stampsOnce();
  return {
    read: (fromFile, spec, quoted) => {
      for (const abs of candidatesOf(options, fromFile, spec, quoted)) {
        const text = buffers?.get(abs) ?? readOnce(abs);
        if (text !== undefined) return text;
      }
      return undefined;
    },
    stamps: (fromFile, spec, quoted) => {
      const out: HeaderStamp[] = [];
      for (const abs of candidatesOf(options, fromFile, spec, quoted)) {
        out.push(stampOf(abs));
        if (buffers?.has(abs) || texts.get(abs) !== undefined) break;
      }
      return out;
    },
    forget: (abs) => {
      texts.delete(abs);
      stampOf.forget(abs);
    },
  };
}

/** Records one extraction's lookups (onInclude) and stamps each file they tried, once, in path order. */
export function lookupRecorder(includes: IncludeReader): { onInclude: OnInclude; stamps: () => HeaderStamp[] } {
  const lookups = new Map<string, [string, string, boolean]>();
  return {
    onInclude: (from, spec, quoted) => void lookups.set(`${quoted ? 'q' : 'a'}:${from}:${spec}`, [from, spec, quoted]),
    stamps: () => {
      const byPath = new Map<string, HeaderStamp>();
      for (const [from, spec, quoted] of lookups.values()) for (const s of includes.stamps(from, spec, quoted)) byPath.set(s[0], s);
      return [...byPath.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    },
  };
}

/** fileStamp, each path stat'ed once (headers are shared by many files); `forget` drops one. */
export function stampsOnce(): ((abs: string) => HeaderStamp) & { forget(abs: string): void } {
  const known = new Map<string, HeaderStamp>();
  const stampOf = (abs: string): HeaderStamp => {
    let s = known.get(abs);
    if (s === undefined) {
      s = fileStamp(abs);
      known.set(abs, s);
    }
    return s;
  };
  return Object.assign(stampOf, { forget: (abs: string) => void known.delete(abs) });
}

/** A file's size and mtime now, or its path alone when there is none. */
function fileStamp(abs: string): HeaderStamp {
  try {
    const s = statSync(abs);
    return [abs, s.size, s.mtimeMs];
  } catch {
    return [abs];
  }
}
