// Shared by the extension-host suites: waiting, the fixture documents, the extension's test API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IrqlensApi } from '../../../src/extension/extension';

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export const driverPath = ['drivers', 'foo', 'foo_main.c'];

export async function openDriver(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...driverPath));
  return vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
}

export async function api(): Promise<IrqlensApi> {
  const ext = vscode.extensions.getExtension<IrqlensApi>('irqlens.irqlens');
  assert.ok(ext, 'the IRQ Lens extension is installed');
  return ext.isActive ? ext.exports : ext.activate();
}

export function irqlensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'irqlens');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return String(c);
}

/** [code, 1-based line, severity name]: how the suites compare diagnostics. */
export function summary(ds: readonly vscode.Diagnostic[]): [string, number, string][] {
  return ds
    .map((d): [string, number, string] => [codeOf(d), d.range.start.line + 1, vscode.DiagnosticSeverity[d.severity]])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}
