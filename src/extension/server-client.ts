// Starts the bundled language server (dist/server.js) as a node module over IPC and keeps it
// alive: when it dies the client restarts it and says so in the log, up to a limit per window
// of time so a server that crashes at start-up does not loop forever.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { log } from './log';
import { RestartPolicy } from './restart-policy';

/** c and cpp (a .h opens as cpp), diff for patches; untitled buffers too (Review Patch of a git range). */
export const documentSelector = ['c', 'cpp', 'diff'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

/** Restart on close, and count restarts so tests and the status bar can tell. */
export class RestartingErrorHandler implements ErrorHandler {
  private readonly policy = new RestartPolicy();
  restarts = 0;
  /** The last restart line written to the log (tests check that the restart was announced). */
  lastMessage = '';
  readonly onRestart = new vscode.EventEmitter<number>();

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    log().error(`IRQ Lens server connection error (${count ?? 1}): ${error.message}`);
    return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const decision = this.policy.onDeath(Date.now());
    if (!decision.restart) {
      const message = `IRQ Lens server stopped ${decision.recent} times in 3 minutes; not restarting it. Run "IRQ Lens: Restart Language Server" after fixing the cause (see this log).`;
      log().error(message);
      this.lastMessage = message;
      return { action: CloseAction.DoNotRestart, message, handled: false };
    }
    this.restarts++;
    this.lastMessage = `IRQ Lens server stopped unexpectedly; restarting it (restart ${this.restarts}).`;
    log().warn(this.lastMessage);
    this.onRestart.fire(this.restarts);
    return { action: CloseAction.Restart, handled: true };
  }
}

export function createClient(context: vscode.ExtensionContext, errorHandler: ErrorHandler, middleware: Middleware): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: log(),
    traceOutputChannel: log(),
    errorHandler,
    middleware,
    // the server pulls irqlens.* with workspace/configuration; this tells it when to re-pull
    synchronize: { configurationSection: 'irqlens' },
    initializationOptions: { client: 'vscode', workspaceTrusted: vscode.workspace.isTrusted },
  };
  return new LanguageClient('irqlens', 'IRQ Lens', serverOptions, clientOptions);
}
