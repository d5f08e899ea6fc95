// Entry of dist/server.js and of `irqlens lsp`: opens the transport and starts the server.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { openTransport, parseTransport, TransportError, type TransportKind } from './transport';

/** Starts the language server on this process; it runs until the client sends `exit`. */
export function startLanguageServer(kind: TransportKind): void {
  const { reader, writer } = openTransport(kind);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  startServer(connection, { installDir: __dirname });
  connection.listen();
}

if (require.main === module) {
  try {
    startLanguageServer(parseTransport(process.argv.slice(2)));
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    process.stderr.write(`irqlens server: ${err.message}\n`);
    process.exitCode = 2;
  }
}
