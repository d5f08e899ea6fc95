// Review Patch…: a patch file (on disk or open), or a git range turned into one with
// `git format-patch` (only in a trusted workspace: it runs a program) and written to the
// extension's workspace storage, never into the user's tree. The server reviews it
// (irqlens/reviewPatch, which takes file: URIs) and publishes the new findings on the patch; the
// reply drafts it returns open beside the patch as an untitled document.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { ReviewPatchResult } from '../protocol/requests';
import type { ExtensionCtx } from './context';
import { requestLayout } from './config';
import { log } from './log';
import { executeCommand } from './typed-commands';

const gitRangePattern = /^[\w./@^~-]+(\.\.\.?[\w./@^~-]+)?$/;

function formatPatch(cwd: string, range: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['format-patch', '--stdout', '--no-color', range], { cwd, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git format-patch ${range} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

async function pickTarget(): Promise<vscode.Uri | string | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Patch file…', id: 'file' },
      { label: 'Git range…', id: 'range', detail: vscode.workspace.isTrusted ? undefined : 'Needs a trusted workspace (runs git)' },
    ],
    { title: 'IRQ Lens: Review Patch', placeHolder: 'What to review' },
  );
  if (choice?.id === 'file') {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Patches: ['patch', 'diff', 'mbx', 'mbox'], 'All files': ['*'] } });
    return picked?.[0];
  }
  if (choice?.id === 'range') {
    return vscode.window.showInputBox({
      title: 'IRQ Lens: Review Patch',
      prompt: 'Git range, e.g. origin/master..HEAD or HEAD~3..',
      validateInput: (v) => (gitRangePattern.test(v.trim()) ? undefined : 'Not a git revision range'),
    });
  }
  return undefined;
}

async function rangeDocument(ctx: ExtensionCtx, range: string): Promise<vscode.TextDocument> {
  if (!vscode.workspace.isTrusted)
    throw new Error('Reviewing a git range runs git, which needs a trusted workspace. Review a patch file instead, or trust the workspace.');
  if (!gitRangePattern.test(range)) throw new Error(`"${range}" is not a git revision range.`);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') throw new Error('Reviewing a git range needs a workspace folder on disk.');
  const text = await formatPatch(folder.uri.fsPath, range);
  if (!text.trim()) throw new Error(`git format-patch ${range} produced no patches.`);
  const dir = vscode.Uri.joinPath(ctx.storageUri, 'reviews');
  await vscode.workspace.fs.createDirectory(dir);
  const file = vscode.Uri.joinPath(dir, `${range.replace(/[^\w.-]+/g, '_')}.mbx`);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(file);
}

/** The reply drafts beside the patch, as an unsaved document (nothing is sent or written). */
async function openReplyDraft(mail: string): Promise<void> {
  const draft = await vscode.workspace.openTextDocument({ content: mail, language: 'plaintext' });
  await vscode.window.showTextDocument(draft, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
}

/** Runs the review; returns the server's result (also for tests), or undefined when cancelled. */
export async function reviewPatch(ctx: ExtensionCtx, target?: vscode.Uri | string): Promise<ReviewPatchResult | undefined> {
  const picked = target instanceof vscode.Uri || typeof target === 'string' ? target : await pickTarget();
  if (picked === undefined) return undefined;
  try {
    const doc = typeof picked === 'string' ? await rangeDocument(ctx, picked.trim()) : await vscode.workspace.openTextDocument(picked);
    await vscode.window.showTextDocument(doc, { preview: false });
    const layout = requestLayout(doc.uri);
    const result = await ctx.request('irqlens/reviewPatch', { uri: doc.uri.toString(), ...(layout ? { layout } : {}) });
    for (const p of result.problems) log().warn(`Review Patch: ${p}`);
    log().info(`Review Patch of ${doc.uri.toString()}: ${result.findings.length} new finding(s).`);
    const msg = `IRQ Lens: the patch introduces ${result.findings.length} finding(s)${result.problems.length ? `; ${result.problems.length} problem(s) reading it (see the log)` : ''}.`;
    void vscode.window.showInformationMessage(msg);
    if (result.findings.length) void executeCommand('workbench.actions.view.problems');
    if (result.mail) await openReplyDraft(result.mail);
    return result;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log().error(`Review Patch: ${message}`);
    void vscode.window.showErrorMessage(`IRQ Lens: ${message}`);
    return undefined;
  }
}
