// The preprocessor directives of a text, read once: a driver's local headers are walked again
// for every file of the driver that includes them (each walk with that file's macro state), so
// a header's directive list is kept per header text.
import { blankComments } from './c-text';
import { directiveMatches } from './defines';

export interface Directive {
  /** The directive line ([start, end), leading blanks included) and the offset of its `#`. */
  start: number;
  end: number;
  hash: number;
  name: string;
  /** What follows the name, continuation lines joined, trimmed. */
  rest: string;
  /** `#include "spec"`: the spec, read from the raw text (strings are blanked in the clean one). */
  spec?: string;
}

const directiveRe = /[ \t]*#[ \t]*([a-z]+)\b((?:[^\n\\]|\\\r?\n|\\)*)$/my;

/** Directives of `clean` (comments blanked); `raw` is the same text unblanked. */
export function directivesOf(clean: string, raw: string): Directive[] {
  const out: Directive[] = [];
  for (const m of directiveMatches(clean, directiveRe)) {
    const start = m.index;
    const end = start + m[0].length;
    const d: Directive = { start, end, hash: clean.indexOf('#', start), name: m[1]!, rest: m[2]!.replace(/\\\r?\n/g, ' ').trim() };
    if (d.name === 'include') {
      const spec = /#\s*include\s*"([^"\n]+)"/.exec(raw.slice(start, end))?.[1];
      if (spec) d.spec = spec;
    }
    out.push(d);
  }
  return out;
}

const headerCache = new Map<string, Directive[]>();
const HEADER_CACHE_MAX = 256;

/** A header's directives (comments and strings blanked, as the walk reads headers), cached by its text. */
export function headerDirectives(text: string): Directive[] {
  let list = headerCache.get(text);
  if (list === undefined) {
    const clean = blankComments(text);
    list = directivesOf(clean, clean);
    if (headerCache.size >= HEADER_CACHE_MAX) headerCache.clear();
    headerCache.set(text, list);
  }
  return list;
}
