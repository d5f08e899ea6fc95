// An open editor document whose facts follow its edits. Kernel files full of macros defeat
// tree-sitter's incremental reuse (ERROR subtrees are re-parsed: ~55 ms on tg3.c), so an edit
// inside one function body re-extracts only that function: the lexical state is patched, the
// function alone is parsed, and its facts and skeleton are spliced into the previous result.
// Edits that may change comments, strings or directives, that unbalance the function's braces,
// or that straddle functions fall back to a full extraction.
import { parseC } from '../parse/parser';
import { position } from '../parse/node-range';
import { blockAt, type TopBlock } from '../parse/top-level';
import { lineStarts, matchBracket } from './c-text';
import { extractFileFacts, extractWithContext } from './extract';
import { findCandidates, type FileContext } from './file-context';
import { shiftPreproc, touchesBlank } from './preprocess';
import type { EraInfo, FileFacts, MsiFact } from './types';
import type { OnInclude, ReadInclude } from './visible';

export interface TextEdit {
  startOffset: number;
  oldEndOffset: number;
  newText: string;
}

interface Pos {
  line: number;
  column: number;
}

/** Characters whose insertion or removal can change comments, strings or directives. */
const lexical = /["'/*#\\]/;
const braces = /[{}]/;

/** Shifts every Range inside `value` (facts, skeletons) that lies after the edit. */
function shiftRanges(value: unknown, oldEnd: Pos, newEnd: Pos): void {
  if (Array.isArray(value)) {
    for (const v of value) shiftRanges(v, oldEnd, newEnd);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const r = value as Record<string, unknown>;
  if (typeof r['line'] === 'number' && typeof r['endLine'] === 'number') {
    const move = (line: number, column: number): Pos => {
      if (line < oldEnd.line || (line === oldEnd.line && column < oldEnd.column)) return { line, column };
      return line === oldEnd.line ? { line: newEnd.line, column: newEnd.column + column - oldEnd.column } : { line: line + newEnd.line - oldEnd.line, column };
    };
    const a = move(r['line'] as number, r['column'] as number);
    const b = move(r['endLine'] as number, r['endColumn'] as number);
    r['line'] = a.line;
    r['column'] = a.column;
    r['endLine'] = b.line;
    r['endColumn'] = b.column;
  }
  for (const v of Object.values(r)) if (typeof v === 'object') shiftRanges(v, oldEnd, newEnd);
}

function shiftBlock(b: TopBlock, at: number, delta: number): TopBlock {
  if (b.start < at) return b;
  const moved: TopBlock = { start: b.start + delta, open: b.open + delta, close: b.close + delta };
  if (b.functionName !== undefined) moved.functionName = b.functionName;
  if (b.nameOffset !== undefined) moved.nameOffset = b.nameOffset + delta;
  return moved;
}

export class IncrementalDocument {
  private text: string;
  private ctx: FileContext | undefined;
  private current: FileFacts;
  /** How the last edit was handled, for measurements and tests. */
  lastEdit: 'function' | 'full' | 'none' = 'none';

  constructor(
    readonly file: string,
    text: string,
    readonly era: EraInfo,
    readonly readInclude?: ReadInclude,
    readonly onInclude?: OnInclude,
  ) {
    this.text = text;
    this.current = this.full();
  }

  getText(): string {
    return this.text;
  }

  facts(): FileFacts {
    return this.current;
  }

  applyEdit(edit: TextEdit): void {
    const { startOffset: start, oldEndOffset: oldEnd, newText } = edit;
    if (start < 0 || oldEnd < start || oldEnd > this.text.length)
      throw new RangeError(`edit ${start}..${oldEnd} outside the document (length ${this.text.length})`);
    const removed = this.text.slice(start, oldEnd);
    const oldText = this.text;
    this.text = oldText.slice(0, start) + newText + oldText.slice(oldEnd);
    const block = this.ctx ? blockAt(this.ctx.blocks, start) : undefined;
    const local =
      this.ctx &&
      block?.functionName !== undefined &&
      start > block.open &&
      oldEnd <= block.close &&
      !lexical.test(removed) &&
      !lexical.test(newText) &&
      !touchesBlank(this.ctx.preproc, start, oldEnd) &&
      (!(braces.test(removed) || braces.test(newText)) || this.sameBlock(this.ctx, block, start, oldEnd, newText));
    if (!local || !this.ctx || !block) {
      this.current = this.full();
      this.lastEdit = 'full';
      return;
    }
    this.current = this.reextractFunction(this.ctx, block, start, oldEnd, newText);
    this.lastEdit = 'function';
  }

  /**
   * As whole-file extraction decides: it names an API, is a driver callback, or calls a function
   * that has a skeleton. (Its callers keep theirs until the next full extraction.)
   */
  private stillRelevant(ctx: FileContext, b: TopBlock, prev: FileFacts, out: FileFacts): boolean {
    if (ctx.candidates.length === 0) return false; // a file without MSI calls has no skeletons
    if (out.drivers.some((d) => d.probe === b.functionName || d.remove === b.functionName)) return true;
    // Whole-file extraction parses every block that names an API (even where it is defined).
    if (ctx.candidates.some((c) => c.offset >= b.start && c.offset <= b.close)) return true;
    const ids = new Set(ctx.code.slice(b.open, b.close + 1).match(/[A-Za-z_]\w*/g) ?? []);
    return prev.functions.some((fn) => fn.name !== b.functionName && ids.has(fn.name));
  }

  /** After an edit with braces, the function's `{` still closes where the edit moved its `}`. */
  private sameBlock(ctx: FileContext, b: TopBlock, start: number, oldEnd: number, newText: string): boolean {
    const code = ctx.code.slice(b.open, start) + newText + ctx.code.slice(oldEnd, b.close + 1);
    return matchBracket(code, 0) === code.length - 1;
  }

  dispose(): void {
    this.ctx = undefined;
  }

  private full(): FileFacts {
    const input = {
      file: this.file,
      text: this.text,
      era: this.era,
      ...(this.readInclude ? { readInclude: this.readInclude } : {}),
      ...(this.onInclude ? { onInclude: this.onInclude } : {}),
    };
    this.ctx = undefined;
    return extractFileFacts(input, {
      onContext: (ctx) => {
        this.ctx = ctx;
      },
    });
  }

  private reextractFunction(old: FileContext, block: TopBlock, start: number, oldEnd: number, newText: string): FileFacts {
    const delta = newText.length - (oldEnd - start);
    const splice = (s: string): string => s.slice(0, start) + newText + s.slice(oldEnd);
    const edited: TopBlock = { ...block, close: block.close + delta };
    const starts = lineStarts(this.text);
    const inBlock = (o: number): boolean => o >= block.start && o <= block.close;
    const candidates = [
      ...old.candidates.filter((c) => c.offset < block.start),
      ...findCandidates(splice(old.code).slice(edited.start, edited.close + 1)).map((c) => ({ name: c.name, offset: c.offset + edited.start })),
      ...old.candidates.filter((c) => c.offset > block.close).map((c) => ({ name: c.name, offset: c.offset + delta })),
    ];
    const ctx: FileContext = {
      // The text keeps its dead branches blanked (an edit touching one re-extracts the file).
      ...old,
      input: { ...old.input, text: splice(old.input.text) },
      noComments: splice(old.noComments),
      code: splice(old.code),
      starts,
      preproc: shiftPreproc(old.preproc, oldEnd, delta),
      blocks: old.blocks.map((b) => (b === block ? edited : shiftBlock(b, oldEnd, delta))),
      candidates,
    };
    this.ctx = ctx;
    // Keep what lies outside the function, moved to its new place.
    const oldStarts = old.starts;
    const oldEndPos = position(oldStarts, oldEnd);
    const newEndPos = position(starts, start + newText.length);
    const prev = this.current;
    const offsetOfFact = (f: MsiFact): number => oldStarts[f.range.line - 1]! + f.range.column - 1;
    const kept: FileFacts = structuredClone({
      file: prev.file,
      facts: prev.facts.filter((f) => !inBlock(offsetOfFact(f))),
      functions: prev.functions.filter((fn) => fn.name !== block.functionName),
      pciIds: prev.pciIds,
      drivers: prev.drivers,
      problems: prev.problems.filter((p) => !inBlock(oldStarts[p.line - 1]! + p.column - 1)),
    });
    shiftRanges([kept.facts, kept.functions, kept.pciIds, kept.drivers], oldEndPos, newEndPos);
    for (const p of kept.problems) {
      if (p.line > oldEndPos.line) p.line += newEndPos.line - oldEndPos.line;
    }
    let from = edited.start;
    while (from < edited.open && /\s/.test(ctx.code[from]!)) from++;
    const tree = parseC(ctx.input.text, null, [
      {
        startIndex: from,
        endIndex: edited.close + 1,
        startPosition: toPoint(position(starts, from)),
        endPosition: toPoint(position(starts, edited.close + 1)),
      },
    ]);
    try {
      const out = extractWithContext(ctx, kept, { onlyBlocks: [edited], tree });
      if (!this.stillRelevant(ctx, edited, prev, out)) out.functions = out.functions.filter((fn) => fn.name !== edited.functionName);
      out.facts.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
      out.functions.sort((a, b) => a.range.line - b.range.line);
      return out;
    } finally {
      tree.delete();
    }
  }
}

function toPoint(p: Pos): { row: number; column: number } {
  return { row: p.line - 1, column: p.column - 1 };
}
