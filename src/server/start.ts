// Starts the language server on this process's stdio or IPC channel. Shared by dist/server.js
// (main.ts) and `irqlens lsp` (src/cli/commands/lsp.ts).
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { ResyncingFramer } from './framing';
import { startServer } from './server';
import { openTransport, type TransportKind } from './transport';

/** On stdio, stdout is the protocol: anything the engine prints goes to the client's log instead. */
function redirectConsole(connection: Connection): void {
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

/** Runs until the client sends `exit`, or closes the stream (then exits with 1 unless shut down). */
export function startLanguageServer(kind: TransportKind): void {
  let connection: Connection;
  if (kind === 'stdio') {
    // Streams (not readers) so vscode-languageserver exits when the editor closes stdin (the
    // framer ends with it); the framer resynchronises after a wrong Content-Length.
    const framer = new ResyncingFramer((bytes, why) =>
      process.stderr.write(`irqlens lsp: skipped ${bytes} bytes of input (${why}); resynchronised on the next header\n`),
    );
    process.stdin.pipe(framer);
    connection = createConnection(ProposedFeatures.all, framer, process.stdout);
    redirectConsole(connection);
  } else {
    const { reader, writer } = openTransport(kind);
    connection = createConnection(ProposedFeatures.all, reader, writer);
  }
  startServer(connection, { installDir: __dirname });
  connection.listen();
}
