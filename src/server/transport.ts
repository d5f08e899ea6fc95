// Chooses the JSON-RPC transport from the command line: `--stdio` (every editor) or
// `--node-ipc` (vscode-languageclient's TransportKind.ipc). vscode-languageclient also appends
// `--clientProcessId=N`, which is accepted and ignored here (initialize carries the same id).
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';

export type TransportKind = 'stdio' | 'node-ipc';

export class TransportError extends Error {}

/** Reads the transport flag; throws TransportError naming the problem for anything else. */
export function parseTransport(argv: readonly string[]): TransportKind {
  const kinds: TransportKind[] = [];
  for (const arg of argv) {
    if (arg === '--stdio') kinds.push('stdio');
    else if (arg === '--node-ipc') kinds.push('node-ipc');
    else if (arg.startsWith('--clientProcessId')) continue;
    else throw new TransportError(`unknown option '${arg}' (expected --stdio or --node-ipc)`);
  }
  if (kinds.length === 0) return 'stdio';
  if (new Set(kinds).size > 1) throw new TransportError('give one of --stdio or --node-ipc, not both');
  return kinds[0]!;
}

export function openTransport(kind: TransportKind): { reader: MessageReader; writer: MessageWriter } {
  if (kind === 'node-ipc') {
    if (typeof process.send !== 'function') throw new TransportError('--node-ipc needs a parent process with an IPC channel');
    return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process) };
  }
  return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout) };
}
