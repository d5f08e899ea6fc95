// Source sites from the server (root-relative path, 1-based end-exclusive range) to VS Code
// locations, and revealing them in an editor.
import * as vscode from 'vscode';
import type { Range } from '../protocol/finding';
import type { SourceSite } from '../protocol/map';

export function toVscodeRange(r: Range): vscode.Range {
  return new vscode.Range(Math.max(0, r.line - 1), Math.max(0, r.column - 1), Math.max(0, r.endLine - 1), Math.max(0, r.endColumn - 1));
}

/** Paths in results are relative to rootUri (absolute paths are taken as they are). */
export function siteUri(rootUri: string, file: string): vscode.Uri {
  if (file.startsWith('/')) return vscode.Uri.file(file);
  return vscode.Uri.joinPath(vscode.Uri.parse(rootUri), ...file.split('/'));
}

export async function revealSite(rootUri: string, site: SourceSite, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(siteUri(rootUri, site.file));
  const range = toVscodeRange(site.range);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
