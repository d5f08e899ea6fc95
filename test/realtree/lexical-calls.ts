// Ground-truth call finder for the real-tree recall test: an independent, purely lexical method
// (no tree-sitter, no code shared with src/). It blanks comments and string/char literals, drops
// preprocessor lines (with their continuations, so #define bodies never count), and reports
// `NAME (` where NAME is an API name used as a call: not a member (`->NAME(`, `.NAME(`) and not
// declared or defined (previous token a type word, or `*` after one); and a name used as the lock
// class of `guard(NAME)` / `scoped_guard(NAME, ...)`.

export interface LexicalCall {
  line: number;
  api: string;
  /** The function whose body holds the call, found lexically ('' at file scope). */
  function: string;
}

/** Words that can precede a call (so they do not make `word NAME(` a declaration). */
const callPrefixWords = new Set(['return', 'else', 'case', 'do', 'sizeof', 'typeof', '__typeof__', 'if', 'while', 'for', 'switch', 'goto']);

/** Replaces comments, string and char literals with spaces, keeping newlines and offsets. */
export function blankCommentsAndLiterals(text: string): string {
  const out = text.split('');
  let i = 0;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '/') {
      let end = i;
      while (end < text.length && text[end] !== '\n') end += text[end] === '\\' && text[end + 1] === '\n' ? 2 : 1;
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      let end = i + 1;
      while (end < text.length && text[end] !== c && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      blank(i + 1, end);
      i = end + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}

/** Blanks preprocessor directives, including backslash-continued #define bodies. */
export function blankPreprocessor(text: string): string {
  const lines = text.split('\n');
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const directive: boolean = continued || /^\s*#/.test(line);
    continued = directive && /\\\s*$/.test(line);
    if (directive) lines[i] = ' '.repeat(line.length);
  }
  return lines.join('\n');
}

interface Token {
  text: string;
  start: number;
}

/** The significant token that ends before `offset` (identifier or single punctuator). */
function previousToken(text: string, offset: number): Token | undefined {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  if (i < 0) return undefined;
  if (/\w/.test(text[i]!)) {
    let start = i;
    while (start > 0 && /\w/.test(text[start - 1]!)) start--;
    return { text: text.slice(start, i + 1), start };
  }
  if (text[i] === '>' && text[i - 1] === '-') return { text: '->', start: i - 1 };
  return { text: text[i]!, start: i };
}

function isTypeWord(token: Token | undefined): boolean {
  return token !== undefined && /^[A-Za-z_]\w*$/.test(token.text) && !callPrefixWords.has(token.text);
}

/** True when `NAME` at `offset` is declared or defined rather than called. */
function isDeclarator(text: string, offset: number): boolean {
  let prev = previousToken(text, offset);
  if (prev && (prev.text === '->' || prev.text === '.')) return true; // member, not the API
  while (prev && prev.text === '*') prev = previousToken(text, prev.start);
  return isTypeWord(prev);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The `(` that opens the parenthesised group whose `)` is at `close`, or -1. */
function openingParen(code: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (code[i] === ')') depth++;
    else if (code[i] === '(' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The name of the function a top-level `{` at `brace` opens: the word before the parameter list
 * `NAME(...) {`, skipping trailing annotations such as `__acquires(x)` or `__must_hold(&l)`
 * (a word preceded by `)`). '' when the brace opens an initialiser, struct or enum body.
 */
function functionNameAt(code: string, brace: number): string {
  let prev = previousToken(code, brace);
  while (prev && prev.text === ')') {
    const open = openingParen(code, prev.start);
    const name = open < 0 ? undefined : previousToken(code, open);
    if (!name || !/^[A-Za-z_]\w*$/.test(name.text)) return '';
    const before = previousToken(code, name.start);
    if (before?.text !== ')') return name.text;
    prev = before;
  }
  return '';
}

interface Body {
  start: number;
  end: number;
  name: string;
}

/** Every top-level brace block that is a function body, with the function's name. */
function functionBodies(code: string): Body[] {
  const bodies: Body[] = [];
  let depth = 0;
  let open: { start: number; name: string } | undefined;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '{') {
      if (depth === 0) open = { start: i, name: functionNameAt(code, i) };
      depth++;
    } else if (c === '}' && depth > 0 && --depth === 0 && open) {
      if (open.name) bodies.push({ start: open.start, end: i, name: open.name });
      open = undefined;
    }
  }
  return bodies;
}

function bodyAt(bodies: Body[], offset: number): string {
  let lo = 0;
  let hi = bodies.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = bodies[mid]!;
    if (offset < b.start) hi = mid - 1;
    else if (offset > b.end) lo = mid + 1;
    else return b.name;
  }
  return '';
}

export function lexicalCalls(text: string, names: readonly string[]): LexicalCall[] {
  const code = blankPreprocessor(blankCommentsAndLiterals(text));
  const alternation = [...names].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`\\b(${alternation})\\s*\\(`, 'g');
  const starts = lineStarts(code);
  const bodies = functionBodies(code);
  const found: { offset: number; api: string }[] = [];
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (!isDeclarator(code, m.index)) found.push({ offset: m.index, api: m[1]! });
  }
  // A lock-guard class named in `guard(NAME)` or `scoped_guard(NAME, ...)` takes the lock: a call.
  const guard = new RegExp(`\\b(?:scoped_guard|guard)\\s*\\(\\s*(${alternation})\\b`, 'g');
  for (let m = guard.exec(code); m; m = guard.exec(code)) found.push({ offset: m.index + m[0].length - m[1]!.length, api: m[1]! });
  return found.sort((a, b) => a.offset - b.offset).map((c) => ({ line: lineOf(starts, c.offset), api: c.api, function: bodyAt(bodies, c.offset) }));
}

/**
 * The function whose body holds a given line of `text` (1-based), found lexically ('' outside).
 * The text is blanked and its bodies found once; the returned lookup answers each line.
 */
export function functionsByLine(text: string): (line: number) => string {
  const code = blankPreprocessor(blankCommentsAndLiterals(text));
  const starts = lineStarts(code);
  const bodies = functionBodies(code);
  return (line) => {
    const offset = starts[Math.min(line, starts.length) - 1] ?? 0;
    const end = starts[line] ?? code.length;
    // Any offset of the line inside a body names it (a line may start before the body's brace).
    return bodyAt(bodies, offset) || bodyAt(bodies, Math.max(offset, end - 2));
  };
}
