// Small lexical helpers over C source text: comment blanking and whitespace normalisation.
// Blanking keeps offsets and line numbers intact so positions found in the result are valid
// in the original text.
import { position } from '../parse/node-range';

const lexRe = /\/\*[\s\S]*?(?:\*\/|$(?![\s\S]))|\/\/(?:[^\n\\]|\\[\s\S])*|"(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?/g;

const spaces = (run: string): string => ' '.repeat(run.length);
const blank = (m: string): string => (m.includes('\n') ? m.replace(/[^\n]+/g, spaces) : ' '.repeat(m.length));

/** Replaces comments (and, optionally, string/char literal contents) with spaces, keeping newlines. */
export function blankComments(text: string, blankStrings = false): string {
  return text.replace(lexRe, (m) => {
    const c = m.charCodeAt(0);
    if (c === 47 /* / */) return blank(m);
    if (!blankStrings) return m;
    return m.length <= 2 ? m : m[0] + blank(m.slice(1, -1)) + m[m.length - 1];
  });
}

/** Collapses runs of whitespace (including backslash-newlines) to one space. */
export function normalise(text: string): string {
  return text.replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim();
}

/** 1-based line of an offset, by binary search over precomputed line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: number[], offset: number): number {
  return position(starts, offset).line;
}

/** Splits a comma-separated argument list at depth 0 (parentheses, brackets, braces). */
export function splitTopLevel(text: string, sep = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** Index of the bracket that closes the one at `open`, or -1. */
export function matchBracket(text: string, open: number): number {
  const o = text[open];
  const c = o === '(' ? ')' : o === '[' ? ']' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i;
  }
  return -1;
}

/** Whether a character (or byte) code is one of C's identifier characters [A-Za-z0-9_]. */
export function isIdentifierCode(c: number | undefined): boolean {
  return c !== undefined && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95);
}
