// Starts the language server on this process's stdio or IPC channel. Shared by dist/server.js
// (main.ts) and `irqlens lsp` (src/cli/commands/lsp.ts).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { openTransport, type TransportKind } from './transport';

/** Runs until the client sends `exit` (or closes the stream). */
export function startLanguageServer(kind: TransportKind): void {
  const { reader, writer } = openTransport(kind);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  startServer(connection, { installDir: __dirname });
  connection.listen();
}
