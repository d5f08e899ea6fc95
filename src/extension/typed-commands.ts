// registerCommand and executeCommand typed by the command map (command-map.ts): an id the map
// does not know, or arguments that do not fit its tuple, do not compile.
import * as vscode from 'vscode';
import type { AllCommands, ExtensionCommandId, ExtensionCommands } from './command-map';

export function registerCommand<K extends ExtensionCommandId>(id: K, handler: (...args: ExtensionCommands[K]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
}

export function executeCommand<K extends keyof AllCommands>(id: K, ...args: AllCommands[K]): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...args);
}
