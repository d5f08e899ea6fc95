// The one LogOutputChannel ("IRQ Lens") shared by the client and the language server: the
// language client writes the server's window/logMessage and stderr there, the extension its own lines.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('IRQ Lens', { log: true });
  return channel;
}
