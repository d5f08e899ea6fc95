// The keystroke fast path. Most keystrokes inside a function change no MSI fact and no control
// flow the model reads (typing in a comment-free expression, a printk string, a variable name
// elsewhere); the findings are then the previous ones with columns moved. Re-running the rules
// over a driver like tg3.c takes hundreds of ms; this takes well under one.
// Taken only when every condition holds, otherwise the caller runs the full check:
//  - one edit, on one line, that adds or removes no line break (so line numbers in messages hold);
//  - the edit lies inside one function body, before and after;
//  - that function's facts and skeleton are equal once positions are removed.
import type { FileFacts, FunctionInfo, Range } from '../facts/types';
import type { BufferEdit } from './live-engine';
import type { CheckResult } from './result';

const positional = new Set(['range', 'callRange', 'bodyRange']);

function withoutPositions(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (positional.has(key) ? undefined : v));
}

function functionAt(facts: FileFacts, line1: number): FunctionInfo | undefined {
  return facts.functions.find((f) => f.bodyRange.line <= line1 && f.bodyRange.endLine >= line1);
}

function sameFunction(before: FileFacts, after: FileFacts, name: string): boolean {
  const pick = (ff: FileFacts): string =>
    withoutPositions({ fn: ff.functions.find((f) => f.name === name), facts: ff.facts.filter((f) => f.function === name) });
  return pick(before) === pick(after);
}

function isRange(v: Record<string, unknown>): v is Record<string, unknown> & Range {
  return typeof v.line === 'number' && typeof v.column === 'number' && typeof v.endLine === 'number' && typeof v.endColumn === 'number';
}

/** A one-line edit in 1-based columns of the old text: [start, end) replaced by `inserted` characters. */
interface LineEdit {
  line: number;
  start: number;
  end: number;
  inserted: number;
}

/** Where an old column lands; an end (exclusive) at a pure insertion point stays put. */
function moveColumn(c: number, e: LineEdit, isEnd: boolean): number {
  if (isEnd && e.start === e.end && c === e.end) return c;
  if (c >= e.end) return c + e.inserted - (e.end - e.start);
  return c > e.start ? e.start : c;
}

/** Moves the columns of every range of `file` on the edited line, once per object (results share ranges). */
function shiftColumns(value: unknown, file: string, e: LineEdit, seen: Set<object>, inFile = false): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) shiftColumns(v, file, e, seen, inFile);
    return;
  }
  const o = value as Record<string, unknown>;
  const here = typeof o.file === 'string' ? o.file === file : inFile;
  if (here && isRange(o)) {
    if (o.line === e.line) o.column = moveColumn(o.column, e, false);
    if (o.endLine === e.line) o.endColumn = moveColumn(o.endColumn, e, true);
  }
  for (const v of Object.values(o)) shiftColumns(v, file, e, seen, here);
}

/** The previous check result moved to the edited text, or null when the edit may change findings. */
export function reuseAfterEdit(previous: CheckResult, file: string, before: FileFacts, after: FileFacts, edit: BufferEdit): CheckResult | null {
  if (/[\r\n]/.test(edit.newText) || edit.start.line !== edit.end.line) return null;
  const line1 = edit.start.line + 1;
  const fnBefore = functionAt(before, line1);
  const fnAfter = functionAt(after, line1);
  if (!fnBefore || !fnAfter || fnBefore.name !== fnAfter.name || !sameFunction(before, after, fnBefore.name)) return null;
  const moved = structuredClone(previous);
  const e: LineEdit = { line: line1, start: edit.start.character + 1, end: edit.end.character + 1, inserted: edit.newText.length };
  shiftColumns([moved.findings, moved.map], file, e, new Set());
  return moved;
}
