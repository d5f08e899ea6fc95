// Request parameters are untrusted JSON: each field is checked before a handler reads it, and a
// wrong one is answered with -32602 InvalidParams naming the field (never a stack trace and a
// null result). Used by the standard requests (hover, code actions, code lenses) and the custom ones.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { isRecord } from '../vocabulary/is-record';

export function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** The params object (absent params are an empty object). */
export function params(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw invalid('params: expected an object');
  return raw;
}

function position(raw: unknown, field: string): void {
  if (!isRecord(raw) || !isCount(raw.line) || !isCount(raw.character)) throw invalid(`${field}: expected { line, character } as whole numbers >= 0`);
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function textDocument(p: Record<string, unknown>): void {
  if (!isRecord(p.textDocument) || typeof p.textDocument.uri !== 'string') throw invalid('textDocument.uri: expected a URI string');
}

/** The params of textDocument/hover (and any TextDocumentPositionParams), checked. */
export function checkPositionParams<T>(raw: T): T {
  const p = params(raw);
  textDocument(p);
  position(p.position, 'position');
  return raw;
}

/** textDocument/codeAction: a document, a range and a context with a diagnostics array. */
export function checkCodeActionParams<T>(raw: T): T {
  const p = params(raw);
  textDocument(p);
  if (!isRecord(p.range)) throw invalid('range: expected { start, end }');
  position(p.range.start, 'range.start');
  position(p.range.end, 'range.end');
  if (!isRecord(p.context) || !Array.isArray(p.context.diagnostics)) throw invalid('context.diagnostics: expected an array');
  return raw;
}

/** textDocument/codeLens: a document. */
export function checkDocumentParams<T>(raw: T): T {
  textDocument(params(raw));
  return raw;
}

/** Why a document notification cannot be applied (notifications have no answer: the caller logs it), or undefined. */
export function documentNotificationProblem(method: 'didOpen' | 'didChange' | 'didClose', raw: unknown): string | undefined {
  try {
    const p = params(raw);
    textDocument(p);
    const doc = p.textDocument as Record<string, unknown>;
    if (method === 'didOpen' && typeof doc.text !== 'string') throw invalid('textDocument.text: expected a string');
    if (method === 'didOpen' && typeof doc.version !== 'number') throw invalid('textDocument.version: expected a number');
    if (method !== 'didChange') return undefined;
    if (!Array.isArray(p.contentChanges)) throw invalid('contentChanges: expected an array');
    p.contentChanges.forEach((c: unknown, k) => {
      if (!isRecord(c) || typeof c.text !== 'string') throw invalid(`contentChanges[${k}].text: expected a string`);
      if (c.range === undefined) return;
      if (!isRecord(c.range)) throw invalid(`contentChanges[${k}].range: expected { start, end }`);
      position(c.range.start, `contentChanges[${k}].range.start`);
      position(c.range.end, `contentChanges[${k}].range.end`);
    });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
