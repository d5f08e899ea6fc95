// Collects the constants a file makes visible: object-like and simple function-like #defines,
// enum constants and array declarations (for ARRAY_SIZE). Lexical, so it also works where the
// C grammar fails on kernel macros. The result is a plain object: it crosses worker boundaries
// and can be cached.
import { blankComments, lineStarts, lineOf, matchBracket, splitTopLevel } from './c-text';

export interface MacroDef {
  kind: 'object' | 'function' | 'enum' | 'array';
  /** Replacement text (enum: the value expression; array: the length expression). */
  body: string;
  params?: string[];
  /** Arrays of a scalar (or `struct msix_entry`) element type: the element's size in bytes. */
  elementSize?: number;
  file: string;
  line: number;
}

/** Name → definition. Arrays are keyed "array:NAME" (a separate namespace in C). */
export type DefineTable = Record<string, MacroDef>;

// `#define NAME body` or `#define NAME(params) body`, with backslash-continued lines. Sticky: it
// is tried only at the start of lines whose first character is `#` (see directiveMatches).
const defineRe = /[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\(([^)\n]*)\))?((?:[^\n\\]|\\\r?\n|\\)*)$/my;

/** Where a multiline `^` may match: after \n, \r, U+2028 or U+2029. */
function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * The matches `re` (sticky, multiline) would give as a global `^…` regex: it is tried only at line
 * starts whose line begins with `[ \t]*#`, found by jumping from '#' to '#'. A multiline regex
 * scanning for `^` itself visits every line and was most of the cost of reading a file's defines.
 */
export function* directiveMatches(clean: string, re: RegExp): Generator<RegExpExecArray> {
  for (let hash = clean.indexOf('#'); hash !== -1; ) {
    let start = hash;
    while (start > 0 && (clean.charCodeAt(start - 1) === 32 || clean.charCodeAt(start - 1) === 9)) start--;
    re.lastIndex = start;
    const m = start === 0 || isLineTerminator(clean.charCodeAt(start - 1)) ? re.exec(clean) : null;
    if (m) yield m;
    hash = clean.indexOf('#', m ? Math.max(m.index + m[0].length, hash + 1) : hash + 1);
  }
}

function collectMacros(clean: string, file: string, starts: number[], out: DefineTable): void {
  for (const m of directiveMatches(clean, defineRe)) {
    const name = m[1]!;
    if (Object.hasOwn(out, name)) continue; // first definition wins (#ifdef alternatives usually agree)
    const body = m[4]!.replace(/\\\r?\n/g, ' ').trim();
    const line = lineOf(starts, m.index);
    out[name] =
      m[2] !== undefined
        ? {
            kind: 'function',
            body,
            params: m[3]!
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean),
            file,
            line,
          }
        : { kind: 'object', body, file, line };
  }
}

const enumRe = /\benum\b\s*(\w+)?\s*\{/g;

function collectEnums(clean: string, file: string, starts: number[], out: DefineTable): void {
  enumRe.lastIndex = 0;
  for (let m = enumRe.exec(clean); m; m = enumRe.exec(clean)) {
    const open = m.index + m[0].length - 1;
    const close = matchBracket(clean, open);
    if (close < 0) continue;
    let prev: string | undefined;
    let offset = open + 1;
    for (const part of splitTopLevel(clean.slice(open + 1, close))) {
      const at = clean.indexOf(part, offset);
      offset = at >= 0 ? at + part.length : offset;
      const em = /^([A-Za-z_]\w*)\s*(?:=\s*([\s\S]+))?$/.exec(part.replace(/^#.*$/gm, '').trim());
      if (!em) continue;
      const name = em[1]!;
      const body = em[2] !== undefined ? em[2].trim() : prev === undefined ? '0' : `(${prev}) + 1`;
      if (!Object.hasOwn(out, name)) out[name] = { kind: 'enum', body, file, line: lineOf(starts, at >= 0 ? at : open) };
      prev = name;
    }
    enumRe.lastIndex = close;
  }
}

// `NAME[LEN] = {`, `NAME[] = {`, or `NAME[LEN];` at a declaration (the name is read backwards).
const arrayRe = /\[([^\]\n]*)\]\s*(=\s*\{|;)/g;

function collectArrays(clean: string, file: string, starts: number[], out: DefineTable): void {
  arrayRe.lastIndex = 0;
  for (let m = arrayRe.exec(clean); m; m = arrayRe.exec(clean)) {
    const nameMatch = /([A-Za-z_]\w*)\s*$/.exec(clean.slice(Math.max(0, m.index - 64), m.index));
    if (!nameMatch) continue;
    const key = `array:${nameMatch[1]}`;
    const at = m.index - nameMatch[0].length;
    // Only declarations: the token before the name must end a type (identifier, `*`), not `=`/`(`.
    const before = clean.slice(Math.max(0, at - 80), at).trimEnd();
    if (!/[\w*]$/.test(before) || /\breturn$/.test(before)) continue;
    let body = m[1]!.trim();
    if (body === '' && m[2] !== ';') {
      const open = m.index + m[0].length - 1;
      const close = matchBracket(clean, open);
      if (close < 0) continue;
      const items = splitTopLevel(clean.slice(open + 1, close)).filter((s) => s.length > 0);
      body = String(items.length);
    }
    if (body === '') continue;
    if (!Object.hasOwn(out, key) || (out[key]!.body !== body && m[2] !== ';')) {
      const def: MacroDef = { kind: 'array', body, file, line: lineOf(starts, at) };
      const size = elementSizeOf(before);
      if (size !== undefined) def.elementSize = size;
      out[key] = def;
    }
  }
}

/** Sizes of the element types whose size does not depend on the architecture. */
const elementSizes: [RegExp, number][] = [
  [/\b(u8|s8|__u8|uint8_t|int8_t|char)$/, 1],
  [/\b(u16|s16|__u16|__le16|__be16|uint16_t|int16_t|short)$/, 2],
  [/\b(u32|s32|__u32|__le32|__be32|uint32_t|int32_t|int|unsigned)$/, 4],
  [/\b(u64|s64|__u64|__le64|__be64|uint64_t|int64_t)$/, 8],
  // struct msix_entry { u32 vector; u16 entry; } (include/linux/pci.h): 8 bytes with padding.
  [/\bstruct\s+msix_entry$/, 8],
];

function elementSizeOf(typeText: string): number | undefined {
  const t = typeText.replace(/\s+/g, ' ').trim();
  return elementSizes.find(([re]) => re.test(t))?.[1];
}

/** Constants visible in one file's text (not following #includes). */
export function collectDefines(text: string, file: string): DefineTable {
  return collectDefinesBlanked(blankComments(text, true), file);
}

/** collectDefines over text whose comments and strings are already blanked (`starts`: its line
 *  starts when the caller has them). */
export function collectDefinesBlanked(clean: string, file: string, starts = lineStarts(clean)): DefineTable {
  const out: DefineTable = {};
  collectMacros(clean, file, starts, out);
  collectEnums(clean, file, starts, out);
  collectArrays(clean, file, starts, out);
  return out;
}
