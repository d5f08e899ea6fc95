// textDocument/codeAction: quick fixes where a safe edit exists, and "Show in MSI map".
//  - msi/index-from-requested (or msi/vector-unallocated) on pci_irq_vector(dev, i) in
//    `for (...; i < N; ...)`: bound the loop by the variable that received the allocated count (`i < nvec`).
//  - msi/dynamic-msix-unsupported (warning: unguarded) on pci_msix_alloc_irq_at(): return -EOPNOTSUPP
//    unless pci_msix_can_alloc_dyn(dev), offered only inside functions that return int.
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { FileFacts, MsiFact } from '../facts/types';
import { IrqlensServerCommand, type ShowMapParams } from '../protocol/requests';
import type { AnalysisState } from './analysis-state';
import type { DocumentSource } from './open-documents';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { deviceOfFact, factsOnLines } from './fact-lookup';
import type { GroupChecker } from './group-checker';

export interface CodeActionContext {
  documents: DocumentSource;
  state: AnalysisState;
  checker: GroupChecker;
}

function diagnosticOn(diags: Diagnostic[], code: string, fact: MsiFact): Diagnostic | undefined {
  return diags.find((d) => d.code === code && d.source === 'irqlens' && d.range.start.line === fact.callRange.line - 1);
}

function offsetOf(doc: TextDocument, line1: number, col1: number): number {
  return doc.offsetAt({ line: line1 - 1, character: col1 - 1 });
}

/** The variable an allocation in the same function stored its count in, e.g. "nvec". */
function allocatedCountVariable(facts: FileFacts, fact: MsiFact): string | undefined {
  const allocs = facts.facts.filter((f) => f.function === fact.function && f.kind === 'alloc' && f.result && f.callRange.line < fact.callRange.line);
  const result = allocs[allocs.length - 1]?.result;
  return result && /^[A-Za-z_][\w]*((->|\.)[A-Za-z_]\w*)*$/.test(result) ? result : undefined;
}

function boundLoopFix(doc: TextDocument, facts: FileFacts, fact: MsiFact, diag: Diagnostic): CodeAction | undefined {
  const loop = fact.index?.loopBound;
  const count = allocatedCountVariable(facts, fact);
  if (!loop || !count || loop.bound === count || loop.inclusive) return undefined;
  // The nearest `for (` header before the call that compares the loop variable with the bound.
  const text = doc.getText();
  const callAt = offsetOf(doc, fact.callRange.line, fact.callRange.column);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  const header = new RegExp(`for\\s*\\([^;]*;\\s*${escape(loop.variable)}\\s*<\\s*(${escape(loop.bound)})\\s*;`, 'g');
  let match: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  while ((match = header.exec(text)) !== null && match.index < callAt) last = match;
  if (!last) return undefined;
  const boundStart = last.index + last[0].lastIndexOf(last[1]!);
  const range = { start: doc.positionAt(boundStart), end: doc.positionAt(boundStart + last[1]!.length) };
  return {
    title: `Bound the loop by the allocated count: ${loop.variable} < ${count}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit: { changes: { [doc.uri]: [{ range, newText: count }] } },
  };
}

function returnsInt(doc: TextDocument, facts: FileFacts, fact: MsiFact): boolean {
  const fn = facts.functions.find((f) => f.name === fact.function);
  if (!fn) return false;
  const head = doc.getText().slice(offsetOf(doc, fn.bodyRange.line, fn.bodyRange.column), offsetOf(doc, fn.range.line, fn.range.column));
  return /\bint\s+$/.test(head);
}

function dynGuardFix(doc: TextDocument, facts: FileFacts, fact: MsiFact, diag: Diagnostic): CodeAction | undefined {
  // Only the possible (warning) case is the missing guard; the definite one (MSI-X not enabled
  // on the path) is not fixed by pci_msix_can_alloc_dyn(), which does not check msix_enabled.
  if (diag.severity !== DiagnosticSeverity.Warning) return undefined;
  if (fact.api !== 'pci_msix_alloc_irq_at' || !fact.device || !returnsInt(doc, facts, fact)) return undefined;
  const lineText = doc.getText({ start: { line: fact.callRange.line - 1, character: 0 }, end: { line: fact.callRange.line, character: 0 } });
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const inner = indent.includes('\t') || indent === '' ? `${indent}\t` : `${indent}    `;
  const guardText = `${indent}if (!pci_msix_can_alloc_dyn(${fact.device.text}))\n${inner}return -EOPNOTSUPP;\n`;
  const at = { line: fact.callRange.line - 1, character: 0 };
  return {
    title: `Return -EOPNOTSUPP unless pci_msix_can_alloc_dyn(${fact.device.text})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    edit: { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: guardText }] } },
  };
}

function showInMap(ctx: CodeActionContext, uri: string, rel: string, fact: MsiFact): CodeAction {
  const device = deviceOfFact(ctx.checker.resultFor(rel)?.map, fact);
  const args: ShowMapParams = { scope: uri, focus: { uri, line: fact.range.line - 1, column: fact.range.column - 1 } };
  if (device) args.device = device.key;
  return {
    title: 'Show in MSI map',
    kind: CodeActionKind.Empty,
    command: { title: 'Show in MSI map', command: IrqlensServerCommand.showMap, arguments: [args] },
  };
}

export function codeActions(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const doc = ctx.documents.get(params.textDocument.uri);
  const rel = ctx.state.paths.relFromUri(params.textDocument.uri);
  const facts = rel === null ? undefined : ctx.state.facts(rel);
  if (!doc || rel === null || !facts) return [];
  const onLines = factsOnLines(facts, params.range.start.line, params.range.end.line);
  const actions: CodeAction[] = [];
  for (const fact of onLines) {
    const unallocated =
      diagnosticOn(params.context.diagnostics, 'msi/index-from-requested', fact) ?? diagnosticOn(params.context.diagnostics, 'msi/vector-unallocated', fact);
    const loopFix = unallocated && boundLoopFix(doc, facts, fact, unallocated);
    if (loopFix) actions.push(loopFix);
    const dyn = diagnosticOn(params.context.diagnostics, 'msi/dynamic-msix-unsupported', fact);
    const dynFix = dyn && dynGuardFix(doc, facts, fact, dyn);
    if (dynFix) actions.push(dynFix);
  }
  if (onLines[0]) actions.push(showInMap(ctx, params.textDocument.uri, rel, onLines[0]));
  const only = params.context.only;
  return only ? actions.filter((a) => only.some((k) => (a.kind ?? '').startsWith(k))) : actions;
}
