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
import { findGuardCandidates, type Candidate } from './lock-guard';
import { makeScope, type TypeScope } from './scope';
import type { EraInfo } from './types';
import { makeVisible, type OnInclude, type ReadInclude, type Visible } from './visible';
import { blankRanges, preprocess, type PreprocResult } from './preprocess';

export interface ExtractInput {
  file: string;
  text: string;
  era: EraInfo;
  readInclude?: ReadInclude;
  /** Told of every header and Makefile lookup (the facts cache keys on them). */
  onInclude?: OnInclude;
  headerDefines?: DefineTable;
}

export type { Candidate };

export interface FileContext {
  /** Its text has the dead branches of driver-local conditionals blanked (see preprocess.ts). */
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
  preproc: PreprocResult;
}

let candidateRe: RegExp | undefined;

const guardClasses = catalogue.filter((r) => r.lockGuard).map((r) => r.name);

/** Every `api_name (` and lock guard in code (comments, strings and #define bodies already blanked). */
export function findCandidates(code: string): Candidate[] {
  candidateRe ??= new RegExp(
    String.raw`\b(${catalogueNames()
      .filter((n) => !guardClasses.includes(n))
      .sort((a, b) => b.length - a.length)
      .join('|')})\s*\(`,
    'g',
  );
  const out: Candidate[] = [];
  candidateRe.lastIndex = 0;
  for (let m = candidateRe.exec(code); m; m = candidateRe.exec(code)) out.push({ name: m[1]!, offset: m.index });
  const guards = findGuardCandidates(code, guardClasses);
  return guards.length ? [...out, ...guards].sort((a, b) => a.offset - b.offset) : out;
}

/** `read` that tells `onInclude` of each lookup first. */
function noting(read: ReadInclude | undefined, onInclude: OnInclude | undefined): ReadInclude | undefined {
  return read && onInclude
    ? (from, spec, quoted) => {
        onInclude(from, spec, quoted);
        return read(from, spec, quoted);
      }
    : read;
}

/** -D names of the directory's Makefile/Kbuild (`ccflags-y += -DFOO`): kbuild decides them. */
function makefileDefines(file: string, read: ReadInclude | undefined): Set<string> {
  const out = new Set<string>();
  for (const name of ['Makefile', 'Kbuild']) {
    const text = read?.(file, name, true);
    for (const m of text?.matchAll(/-D\s*([A-Za-z_]\w*)/g) ?? []) out.add(m[1]!);
  }
  return out;
}

/** The driver's conditionals, decided where its own text decides them. */
function conditionals(input: ExtractInput, noComments: string): PreprocResult {
  const read = noting(input.readInclude, input.onInclude);
  let kbuild: Set<string> | undefined;
  const readLocal = read ? { readLocal: (spec: string) => read(input.file, spec, true) } : {};
  const inMakefile = (name: string): boolean => (kbuild ??= makefileDefines(input.file, read)).has(name);
  const first = preprocess(noComments, input.text, { ...readLocal, external: inMakefile });
  // A name taken as undefined may come from a kernel header: searching them costs (they are
  // read only then), so only where that would drop an MSI call, and the walk is then redone.
  if (first.assumedUndefined.size === 0 || !first.blank.some(([s, e]) => findCandidates(noComments.slice(s, e)).length > 0)) return first;
  const headers = makeVisible({
    file: input.file,
    text: input.text,
    clean: '',
    era: input.era,
    defines: {},
    headerDefines: input.headerDefines,
    readInclude: input.readInclude,
    onInclude: input.onInclude,
  });
  const fromHeaders = new Set([...first.assumedUndefined].filter((name) => headers.env.lookup(name) !== undefined));
  return fromHeaders.size === 0 ? first : preprocess(noComments, input.text, { ...readLocal, external: (name) => inMakefile(name) || fromHeaders.has(name) });
}

export function prepareFile(original: ExtractInput): FileContext {
  const allNoComments = blankComments(original.text, true);
  const preproc = conditionals(original, allNoComments);
  // Dead code is blanked before anything reads the file: no facts, no skeleton, no defines.
  const input = preproc.blank.length ? { ...original, text: blankRanges(original.text, preproc.blank) } : original;
  const noComments = blankRanges(allNoComments, preproc.blank);
  const code = blankDirectives(noComments);
  // Blanking keeps every newline: one set of line starts serves the text and both blanked copies.
  const starts = lineStarts(input.text);
  const defines = collectDefinesBlanked(noComments, input.file, starts);
  const visible = makeVisible({
    file: input.file,
    text: input.text,
    clean: code,
    era: input.era,
    defines,
    headerDefines: input.headerDefines,
    readInclude: input.readInclude,
    onInclude: input.onInclude,
  });
  return {
    input,
    noComments,
    code,
    starts,
    blocks: topLevelBlocks(code),
    candidates: findCandidates(code),
    visible,
    scope: makeScope(code, (name) => visible.struct(name)),
    preproc,
  };
}

/** The top-level block around an offset (a function body, usually). */
export function blockOf(ctx: FileContext, offset: number): TopBlock | undefined {
  return blockAt(ctx.blocks, offset);
}
