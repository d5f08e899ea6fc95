// Lexical preparation of one file, shared by whole-file extraction and by the per-function
// re-extraction of IncrementalDocument: blanked texts, line starts, top-level blocks, MSI call
// candidates, visible constants and declared types.
import { blockAt, blankDirectives, topLevelBlocks, type TopBlock } from '../parse/top-level';
import { blankComments, lineStarts } from './c-text';

/** Argument and parameter text: the original, comments dropped (strings kept). */
export function sourceText(ctx: FileContext, start: number, end: number): string {
  return blankComments(ctx.input.text.slice(start, end));
}
import { catalogue, catalogueNames } from './catalogue';
import { collectDefinesBlanked, type DefineTable } from './defines';
import { findGuardCandidates, type GuardForm } from './lock-guard';
import { makeScope, type TypeScope } from './scope';
import type { EraInfo } from './types';
import { makeVisible, type ReadInclude, type Visible } from './visible';

export interface ExtractInput {
  file: string;
  text: string;
  era: EraInfo;
  readInclude?: ReadInclude;
  headerDefines?: DefineTable;
}

export interface Candidate {
  name: string;
  offset: number;
  /** A lock-guard class written inside `guard(...)` or `scoped_guard(...)`, not called by name. */
  guard?: GuardForm;
}

export interface FileContext {
  input: ExtractInput;
  /** Comments blanked, directives kept (for #define bodies and includes). */
  noComments: string;
  /** Comments, string contents and preprocessor directives blanked (scanning happens here). */
  code: string;
  starts: number[];
  blocks: TopBlock[];
  candidates: Candidate[];
  visible: Visible;
  scope: TypeScope;
}

let candidateRe: RegExp | undefined;

const guardClasses = catalogue.filter((r) => r.lockGuard).map((r) => r.name);

/** Every `api_name (` and lock guard in code (comments, strings and #define bodies already blanked). */
export function findCandidates(code: string): Candidate[] {
  candidateRe ??= new RegExp(String.raw`\b(${catalogueNames().filter((n) => !guardClasses.includes(n)).sort((a, b) => b.length - a.length).join('|')})\s*\(`, 'g');
  const out: Candidate[] = [];
  candidateRe.lastIndex = 0;
  for (let m = candidateRe.exec(code); m; m = candidateRe.exec(code)) out.push({ name: m[1]!, offset: m.index });
  const guards = findGuardCandidates(code, guardClasses);
  return guards.length ? [...out, ...guards].sort((a, b) => a.offset - b.offset) : out;
}

export function prepareFile(input: ExtractInput): FileContext {
  const noComments = blankComments(input.text, true);
  const code = blankDirectives(noComments);
  // Blanking keeps every newline: one set of line starts serves the text and both blanked copies.
  const starts = lineStarts(input.text);
  const defines = collectDefinesBlanked(noComments, input.file, starts);
  const visible = makeVisible({ file: input.file, text: input.text, clean: code, era: input.era, defines, headerDefines: input.headerDefines, readInclude: input.readInclude });
  return {
    input, noComments, code, starts, blocks: topLevelBlocks(code),
    candidates: findCandidates(code), visible, scope: makeScope(code, (name) => visible.struct(name)),
  };
}

/** The top-level block around an offset (a function body, usually). */
export function blockOf(ctx: FileContext, offset: number): TopBlock | undefined {
  return blockAt(ctx.blocks, offset);
}
