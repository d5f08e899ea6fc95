// `irqlens lsp --stdio`: the language server, for Neovim, Emacs, Helix and VS Code alike.
import type { Command } from '../command';
import { UsageError } from '../command';
import { startLanguageServer } from '../../server/start';
import { parseTransport, TransportError, type TransportKind } from '../../server/transport';

export const lspCommand: Command = {
  name: 'lsp',
  summary: 'run the language server (--stdio or --node-ipc)',
  usage: `usage: irqlens lsp [--stdio | --node-ipc]

Runs the IRQ Lens language server: diagnostics, hover, code actions, code lens and the
irqlens/map, irqlens/simulate and irqlens/devices requests, over JSON-RPC on stdin/stdout
(--stdio, the default) or a node IPC channel (--node-ipc). Settings come from the editor
through workspace/configuration (section "irqlens"); see docs/editors.md.
`,
  run(argv) {
    let kind: TransportKind;
    try {
      kind = parseTransport(argv);
    } catch (err) {
      if (err instanceof TransportError) throw new UsageError(err.message);
      throw err;
    }
    startLanguageServer(kind);
    // The server owns the process from here; it exits when the client sends `exit`.
    return new Promise<number>(() => {});
  },
};
