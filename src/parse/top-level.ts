// Lexical map of a file's top-level brace blocks (function bodies, struct and array
// initialisers). Independent of the C grammar, so it still works where kernel macros turn
// the syntax tree into ERROR nodes, and it tells which byte ranges need parsing at all.

export interface TopBlock {
  /** Start of the declaration that owns the block (after the previous `;`, `}` or directive). */
  start: number;
  /** Offset of `{` and of the matching `}`. */
  open: number;
  close: number;
  /** For a function definition, its name (the identifier before the parameter list). */
  functionName?: string;
  /** Offset of that name. */
  nameOffset?: number;
}

/** Blanks preprocessor directive lines (with continuations) so their braces do not count. */
export function blankDirectives(clean: string): string {
  return clean.replace(/^[ \t]*#(?:[^\n]*\\\n)*[^\n]*/gm, (m) => m.replace(/[^\n]/g, ' '));
}

const fnHeaderRe = /([A-Za-z_]\w*)\s*\(([^()]|\([^()]*\))*\)\s*(?:__[a-z_]+(?:\([^()]*\))?\s*)*$/;
const notFunctions = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else']);

/** Top-level `{…}` blocks of comment- and directive-blanked text. */
export function topLevelBlocks(code: string): TopBlock[] {
  const blocks: TopBlock[] = [];
  let depth = 0;
  let declStart = 0;
  let open = -1;
  for (let i = 0; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    if (ch === 123 /* { */) {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === 125 /* } */) {
      if (depth === 0) { declStart = i + 1; continue; } // stray brace: resynchronise
      if (--depth === 0) {
        blocks.push(describe(code, declStart, open, i));
        declStart = i + 1;
      }
    } else if (ch === 59 /* ; */ && depth === 0) declStart = i + 1;
  }
  if (depth > 0 && open >= 0) blocks.push(describe(code, declStart, open, code.length - 1));
  return blocks;
}

function describe(code: string, start: number, open: number, close: number): TopBlock {
  const header = code.slice(start, open);
  const block: TopBlock = { start, open, close };
  if (/=\s*$/.test(header) || /\b(struct|union|enum)\s+\w*\s*$/.test(header)) return block;
  const m = fnHeaderRe.exec(header);
  if (m && !notFunctions.has(m[1]!)) {
    block.functionName = m[1]!;
    block.nameOffset = start + m.index;
  }
  return block;
}

/** The block containing `offset`, by binary search. */
export function blockAt(blocks: TopBlock[], offset: number): TopBlock | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid]!;
    if (offset < b.start) hi = mid - 1;
    else if (offset > b.close) lo = mid + 1;
    else return b;
  }
  return undefined;
}
