// extractFileFacts: lexical candidates → parse only the top-level blocks that matter (tree-sitter
// includedRanges, so positions stay file-relative) → one fact per real call, classified by its
// call_expression wherever it sits (ERROR nodes included) → skeletons of the relevant functions.
import type { Node, Range as TsRange, Tree } from 'web-tree-sitter';
import { parseC } from '../parse/parser';
import type { TopBlock } from '../parse/top-level';
import { offsetRange } from '../parse/node-range';
import { matchBracket, normalise, splitTopLevel } from './c-text';
import { catalogueRow } from './catalogue';
import { guardSite } from './lock-guard';
import { evaluate } from './const-eval';
import { MAX_CONST_NESTING, nestingDepth } from './const-parse';
import { accessorDevice } from './device';
import { buildFact, type CallSite } from './fact-builder';
import { blockOf, prepareFile, sourceText, type Candidate, type ExtractInput, type FileContext } from './file-context';
import { driverStructs, pciIdTables } from './pci-ids';
import { conditionalAt } from './preprocess';
import { MAX_DEPTH, SkeletonBuilder, type SkeletonEnv } from './skeleton';
import { buildExpr } from './expr';
import { parametersFromText, parametersOf } from './parameters';
import { macroExpander } from './macro-exprs';
import type { FileFacts, FileProblem, FunctionInfo, MsiFact } from './types';

/** Larger files are not parsed (the kernel's largest C file with MSI calls is well under 1 MB). */
export const MAX_PARSE_BYTES = 8 * 1024 * 1024;

const declarationWords = new Set(['return', 'else', 'do', 'case', 'sizeof', 'typeof']);

/** True when the name at `offset` is declared or defined there rather than called. */
function looksDeclared(code: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(code[i]!)) i--;
  if (i < 0) return false;
  if (code[i] === '*') {
    let j = i - 1;
    while (j >= 0 && /[\s*]/.test(code[j]!)) j--;
    return j >= 0 && /\w/.test(code[j]!) && !declarationWords.has(/\w+$/.exec(code.slice(Math.max(0, j - 20), j + 1))?.[0] ?? '');
  }
  if (!/\w/.test(code[i]!)) return false;
  const word = /\w+$/.exec(code.slice(Math.max(0, i - 30), i + 1))?.[0] ?? '';
  return !declarationWords.has(word);
}

function problem(ctx: FileContext, offset: number, severity: FileProblem['severity'], message: string): FileProblem {
  const r = offsetRange(ctx.starts, offset, offset);
  return { file: ctx.input.file, line: r.line, column: r.column, severity, message };
}

function functionNameOf(node: Node | null): string | undefined {
  let depth = 0;
  for (let n = node; n && depth < 64; n = n.parent, depth++) {
    if (n.type !== 'function_definition') continue;
    let d = n.childForFieldName('declarator');
    while (d && d.type !== 'function_declarator') d = d.childForFieldName('declarator');
    const id = d?.childForFieldName('declarator');
    return id?.type === 'identifier' ? id.text : undefined;
  }
  return undefined;
}

/** Start of a block's declaration, past blank lines and blanked directives. */
function declStart(ctx: FileContext, b: TopBlock): number {
  let s = b.start;
  while (s < b.open && /\s/.test(ctx.code[s]!)) s++;
  return s;
}

/** Functions worth a skeleton: those with facts, their in-file callers (transitively), driver callbacks. */
function relevantBlocks(ctx: FileContext, withFacts: Set<TopBlock>, callbacks: string[]): TopBlock[] {
  const chosen = new Set(withFacts);
  const names = new Set([...withFacts].map((b) => b.functionName).filter((n): n is string => !!n));
  for (const c of callbacks) names.add(c);
  const fns = ctx.blocks.filter((b) => b.functionName);
  for (const b of fns) if (callbacks.includes(b.functionName!)) chosen.add(b);
  // The replay needs the functions that make a PCI device managed (vectors freed at detach).
  for (const b of fns) if (/\bpcim_enable_device\b/.test(ctx.code.slice(b.open, b.close + 1))) chosen.add(b);
  // A fixpoint over calls. Few names (the usual case): one regex test per function body; many
  // (macro soup, generated code): identifier sets, so the cost stays linear.
  let pending = fns.filter((b) => !chosen.has(b)).map((b) => ({ b, ids: undefined as Set<string> | undefined }));
  const mentions = (p: { b: TopBlock; ids: Set<string> | undefined }, re: RegExp | undefined): boolean => {
    const body = ctx.code.slice(p.b.open, p.b.close + 1);
    if (re) return re.test(body);
    p.ids ??= new Set(body.match(/[A-Za-z_]\w*/g) ?? []);
    return [...names].some((n) => p.ids!.has(n));
  };
  for (let round = 0; round < 6 && names.size > 0; round++) {
    const re = names.size <= 64 ? new RegExp(String.raw`\b(?:${[...names].join('|')})\b`) : undefined;
    const added = pending.filter((p) => mentions(p, re));
    if (added.length === 0) break;
    for (const { b } of added) {
      chosen.add(b);
      names.add(b.functionName!);
    }
    pending = pending.filter((p) => !chosen.has(p.b));
  }
  return [...chosen].sort((a, b) => a.start - b.start);
}

function includedRanges(ctx: FileContext, blocks: TopBlock[]): TsRange[] {
  const ranges: TsRange[] = [];
  for (const b of blocks) {
    const start = declStart(ctx, b);
    const end = Math.min(b.close + 1, ctx.input.text.length);
    const prev = ranges[ranges.length - 1];
    if (prev && start <= prev.endIndex) {
      prev.endIndex = Math.max(prev.endIndex, end);
      prev.endPosition = point(ctx, prev.endIndex);
      continue;
    }
    ranges.push({ startIndex: start, endIndex: end, startPosition: point(ctx, start), endPosition: point(ctx, end) });
  }
  return ranges;
}

function point(ctx: FileContext, offset: number): { row: number; column: number } {
  const r = offsetRange(ctx.starts, offset, offset);
  return { row: r.line - 1, column: r.column - 1 };
}

/** A call site for a candidate, or undefined when the name is declared/defined there. */
function siteFor(ctx: FileContext, tree: Tree, c: Candidate): ScopedSite | 'declared' | 'unbalanced' {
  if (c.guard) return guardCallSite(ctx, tree, c);
  const node = tree.rootNode.descendantForIndex(c.offset, c.offset + c.name.length);
  const parent = node?.parent ?? null;
  const isIdent = node?.type === 'identifier' && node.startIndex === c.offset;
  if (isIdent && (parent?.type === 'function_declarator' || parent?.type === 'parenthesized_declarator')) return 'declared';
  const treeCall = isIdent && parent?.type === 'call_expression' && parent.childForFieldName('function')?.startIndex === c.offset;
  if (!treeCall && looksDeclared(ctx.code, c.offset)) return 'declared';
  const open = ctx.code.indexOf('(', c.offset + c.name.length);
  const close = matchBracket(ctx.code, open);
  if (close < 0) return 'unbalanced';
  const block = blockOf(ctx, c.offset);
  // The lexical block name is cheap and right for real code; the tree decides only where it has none.
  const fnName = block?.functionName ?? functionNameOf(node) ?? '';
  const args = splitOffsets(ctx.code, open + 1, close)
    .map(([s, e]) => normalise(sourceText(ctx, s, e)))
    .filter((a, i, all) => !(all.length === 1 && a === '' && i === 0));
  const fnStart = block ? declStart(ctx, block) : 0;
  return {
    name: c.name,
    offset: c.offset,
    close,
    args,
    node: treeCall ? parent : node,
    functionName: fnName,
    fnCode: block ? ctx.code.slice(fnStart, block.close + 1) : undefined,
    fnStart,
    nodeAt: (o) => tree.rootNode.descendantForIndex(o, o + 1),
  };
}

/** A call site; a lock guard's carries the [start, end) offsets it holds the lock over. */
type ScopedSite = CallSite & { scope?: [number, number] };

function guardCallSite(ctx: FileContext, tree: Tree, c: Candidate): ScopedSite | 'declared' {
  const block = blockOf(ctx, c.offset);
  const fnStart = block ? declStart(ctx, block) : 0;
  const g = guardSite(tree, ctx.code, c, {
    functionName: block?.functionName ?? '',
    fnCode: block ? ctx.code.slice(fnStart, block.close + 1) : undefined,
    fnStart,
    nodeAt: (o) => tree.rootNode.descendantForIndex(o, o + 1),
  });
  // A guard the tree cannot place (a macro body, an ERROR node) is left out rather than guessed.
  return g ? { ...g.site, scope: g.scope } : 'declared';
}

/** [start, end) of each top-level comma-separated part of code[from, to). */
function splitOffsets(code: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  out.push([start, to]);
  return out;
}

/** A definition's parameter declarations as text (for a header the parser could not read). */
function parameterTexts(ctx: FileContext, nameAt: number): string[] {
  const open = ctx.code.indexOf('(', nameAt);
  const close = open >= 0 ? matchBracket(ctx.code, open) : -1;
  return close > open ? splitTopLevel(normalise(sourceText(ctx, open + 1, close))).filter((p) => p && p !== 'void') : [];
}

function functionInfo(ctx: FileContext, tree: Tree, b: TopBlock, builder: SkeletonBuilder): FunctionInfo {
  const header = ctx.code.slice(declStart(ctx, b), b.open);
  const nameAt = b.nameOffset ?? b.start;
  let body: Node | null = tree.rootNode.descendantForIndex(b.open, b.open + 1);
  while (body && !(body.type === 'compound_statement' && body.startIndex === b.open)) body = body.parent;
  const params = parametersOf(body?.parent ?? null) ?? parametersFromText(parameterTexts(ctx, nameAt));

  builder.truncated = undefined;
  const info: FunctionInfo = {
    name: b.functionName!,
    file: ctx.input.file,
    range: offsetRange(ctx.starts, nameAt, nameAt + b.functionName!.length),
    bodyRange: offsetRange(ctx.starts, declStart(ctx, b), b.close + 1),
    isStatic: /\bstatic\b/.test(header),
    params,
    body: body ? builder.functionBody(body) : builder.callsIn(tree.rootNode, b.open, b.close + 1),
  };
  if (builder.truncated) info.truncated = builder.truncated;
  return info;
}

/** A function whose skeleton was cut: said at the first dropped statement (check caps its findings). */
function truncationProblem(fn: FunctionInfo): FileProblem {
  const at = fn.truncated!;
  return {
    file: fn.file,
    line: at.line,
    column: at.column,
    severity: 'warning',
    message: `${fn.name}: statements nested more than ${MAX_DEPTH} deep are not modelled from here on; findings in ${fn.name}() are at most warnings`,
  };
}

export interface ExtractOptions {
  /** Parse the whole file instead of only the relevant top-level blocks. */
  wholeFile?: boolean;
  /** A tree of the whole current text to use instead of parsing (it is not deleted). */
  tree?: Tree;
  /** Only these blocks (IncrementalDocument's edited function): candidates and skeletons inside them. */
  onlyBlocks?: TopBlock[];
  /** Receives the lexical context (IncrementalDocument keeps it to patch later edits). */
  onContext?: (ctx: FileContext) => void;
}

export function extractFileFacts(input: ExtractInput, options: ExtractOptions = {}): FileFacts {
  const out: FileFacts = { file: input.file, facts: [], functions: [], pciIds: [], drivers: [], problems: [] };
  if (input.text.length > MAX_PARSE_BYTES) {
    out.problems.push({
      file: input.file,
      line: 1,
      column: 1,
      severity: 'warning',
      message: `file is ${(input.text.length / 1048576).toFixed(1)} MB, over the ${MAX_PARSE_BYTES / 1048576} MB parse limit: not analysed`,
    });
    return out;
  }
  if (input.text.slice(0, 65536).includes('\u0000')) {
    out.problems.push({ file: input.file, line: 1, column: 1, severity: 'warning', message: 'file contains NUL bytes (binary, not C source): not analysed' });
    return out;
  }
  const ctx = prepareFile(input);
  options.onContext?.(ctx);
  out.drivers = driverStructs(ctx.code, ctx.starts);
  out.pciIds = pciIdTables(ctx.code, ctx.visible.env, ctx.starts);
  if (ctx.candidates.length === 0) return out;
  return extractWithContext(ctx, out, options);
}

export function extractWithContext(ctx: FileContext, out: FileFacts, options: ExtractOptions): FileFacts {
  const candidateBlocks = new Set<TopBlock>();
  let outside = false;
  for (const c of ctx.candidates) {
    const b = blockOf(ctx, c.offset);
    if (b) candidateBlocks.add(b);
    else outside = true;
  }
  const callbacks = out.drivers.flatMap((d) => [d.probe, d.remove]).filter((n): n is string => !!n);
  const only = options.onlyBlocks;
  const relevant = only ?? relevantBlocks(ctx, candidateBlocks, callbacks);
  const whole = !only && (options.wholeFile || outside);
  const tree = options.tree ?? (whole ? parseC(ctx.input.text) : parseC(ctx.input.text, null, includedRanges(ctx, relevant)));
  try {
    collectFacts(ctx, tree, out, only);
    const byStart = new Map(out.facts.map((f) => [offsetOf(ctx, f), f.id]));
    const env: SkeletonEnv = {
      factAt: (o) => byStart.get(o),
      // Expression constants: the file's (headers are read for call arguments, and for flag bits).
      // (A lower-case name that the file does not define is a variable: skip the evaluator.)
      constant: memoized((t) =>
        (/^(?!true$|false$)[a-z_][a-z0-9_]*$/.test(t) && !ctx.visible.localEnv.lookup(t)) || t.includes('->')
          ? undefined
          : evaluate(t, ctx.visible.localEnv).value,
      ),
      // A flag bit (`x & FLAG`, `|= FLAG`, set_bit(FLAG, ...)) may come from the driver's own header.
      flagConstant: memoized((t) => (/^[A-Z][A-Z0-9_]*$/.test(t) ? evaluate(t, ctx.visible.env).value : undefined)),
      isLoopMacro: (name) => catalogueRow(name)?.loopMacro === true || /for_each/.test(name),
      preprocBranch: (hash) => ctx.preproc.branches.get(hash),
      accessorDevice,
    };
    const macros = macroExpander(ctx.visible.driverMacro, (node) => buildExpr(node, env));
    env.macro = macros.expand;
    env.macroSeen = macros.seen;
    const builder = new SkeletonBuilder(env);
    for (const b of relevant) {
      if (!b.functionName) continue;
      const fn = functionInfo(ctx, tree, b, builder);
      out.functions.push(fn);
      if (fn.truncated) out.problems.push(truncationProblem(fn));
    }
  } finally {
    if (!options.tree) tree.delete();
  }
  return out;
}

/** A file's constants do not change while its skeletons are built: each text is evaluated once. */
function memoized(f: (text: string) => number | undefined): (text: string) => number | undefined {
  const known = new Map<string, number | undefined>();
  return (text) => {
    if (known.has(text)) return known.get(text);
    const v = f(text);
    known.set(text, v);
    return v;
  };
}

function nextId(out: FileFacts): number {
  let id = 0;
  for (const f of out.facts) id = Math.max(id, f.id + 1);
  return id;
}

function offsetOf(ctx: FileContext, f: MsiFact): number {
  return ctx.starts[f.range.line - 1]! + f.range.column - 1;
}

function collectFacts(ctx: FileContext, tree: Tree, out: FileFacts, only?: TopBlock[]): void {
  let id = nextId(out);
  for (const c of ctx.candidates) {
    if (only && !only.some((b) => c.offset >= b.start && c.offset <= b.close)) continue;
    const site = siteFor(ctx, tree, c);
    if (site === 'declared') continue;
    if (site === 'unbalanced') {
      out.problems.push(problem(ctx, c.offset, 'warning', `${c.name}: unbalanced parentheses after the call; arguments not read`));
      continue;
    }
    const { fact, problem: p } = buildFact(id++, site, ctx);
    if (site.scope) fact.lockScope = offsetRange(ctx.starts, site.scope[0], site.scope[1]);
    const conditional = conditionalAt(ctx.preproc, c.offset);
    if (conditional) fact.conditional = conditional;
    out.facts.push(fact);
    if (p) out.problems.push(problem(ctx, c.offset, 'info', p));
    const depth = Math.max(0, ...site.args.map(nestingDepth));
    if (depth > MAX_CONST_NESTING)
      out.problems.push(
        problem(
          ctx,
          c.offset,
          'warning',
          `${c.name}: an argument nests ${depth} levels deep (the limit is ${MAX_CONST_NESTING}): its value is not evaluated and taken as unknown`,
        ),
      );
  }
}
