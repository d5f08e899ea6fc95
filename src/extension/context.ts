// What commands get injected (rust-analyzer style): the extension's URI and typed access to the
// language server's custom requests, so commands never reach for globals.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { IrqlensRequestTypes } from '../protocol/requests';

export type RequestMethod = keyof IrqlensRequestTypes;

export interface ExtensionCtx {
  extensionUri: vscode.Uri;
  /** VS Code's per-workspace storage for this extension (outside the user's tree): formatted git ranges go here. */
  storageUri: vscode.Uri;
  client: LanguageClient;
  request<M extends RequestMethod>(method: M, params: IrqlensRequestTypes[M]['params']): Promise<IrqlensRequestTypes[M]['result']>;
}

export function makeRequester(client: LanguageClient): ExtensionCtx['request'] {
  return async (method, params) => {
    if (!client.isRunning()) await client.start();
    return client.sendRequest(method, params);
  };
}
