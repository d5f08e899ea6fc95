// Entry point of the VS Code extension (dist/extension.js): a thin client of the bundled IRQ Lens
// language server plus what only VS Code shows (the MSI map, simulation stepping, the status bar).
// The analysis never runs in the extension host.
import * as vscode from 'vscode';
import { isRecord } from '../protocol/untrusted';
import { State, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import {
  IrqlensNotification,
  IrqlensServerCommand,
  type MapResult,
  type ShowMapParams,
  type SimulationResultWithRoot,
  type StatusNotification,
} from '../protocol/requests';
import { registerCommands } from './commands';
import { onConfigChange, requestLayout } from './config';
import { makeRequester, type ExtensionCtx } from './context';
import { log } from './log';
import { MapPanel, registerMapSerializer, type MapPanelProbe } from './map-panel';
import { createClient, RestartingErrorHandler } from './server-client';
import { SimulationSession } from './simulation';
import { ConflictStatus } from './status-bar';

/** Returned from activate(): read by the integration tests, stable enough for other extensions. */
export interface IrqlensApi {
  serverPid(): number | undefined;
  restarts(): number;
  /** The last line the restart handler wrote to the log. */
  restartMessage(): string;
  isRunning(): boolean;
  statusText(): string;
  map: MapPanelProbe;
  simulationPosition(): number | undefined;
}

let client: LanguageClient | undefined;

/** The parts of a server command's ShowMapParams argument the panel uses to pick a device. */
function showMapParams(x: unknown): ShowMapParams {
  if (!isRecord(x)) return {};
  const out: ShowMapParams = {};
  if (typeof x.device === 'string') out.device = x.device;
  if (typeof x.scope === 'string') out.scope = x.scope;
  const f = x.focus;
  if (isRecord(f) && typeof f.uri === 'string' && typeof f.line === 'number' && typeof f.column === 'number')
    out.focus = { uri: f.uri, line: f.line, column: f.column };
  return out;
}

/** Server commands that return something VS Code should show: open the map, start stepping. */
function middleware(extensionUri: vscode.Uri, ctx: () => ExtensionCtx): Middleware {
  return {
    executeCommand: async (command, args, next) => {
      const result: unknown = await next(command, args);
      if (command === IrqlensServerCommand.showMap && isRecord(result) && Array.isArray(result.devices)) {
        await MapPanel.show(extensionUri, (p) => ctx().request('irqlens/map', p), showMapParams(args[0]), result as unknown as MapResult);
      } else if (command === IrqlensServerCommand.simulate && isRecord(result) && Array.isArray(result.steps)) {
        await SimulationSession.start(result as unknown as SimulationResultWithRoot);
      }
      return result;
    },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<IrqlensApi> {
  const errorHandler = new RestartingErrorHandler();
  const status = new ConflictStatus();
  let ctx: ExtensionCtx | undefined;
  const lc = createClient(
    context,
    errorHandler,
    middleware(context.extensionUri, () => ctx as ExtensionCtx),
  );
  client = lc;
  ctx = { extensionUri: context.extensionUri, storageUri: context.storageUri ?? context.globalStorageUri, client: lc, request: makeRequester(lc) };
  const c = ctx;

  context.subscriptions.push(
    log(),
    status,
    errorHandler.onRestart,
    ...registerCommands(c),
    registerMapSerializer(context.extensionUri, (p) => c.request('irqlens/map', p)),
    lc.onNotification(IrqlensNotification.status, (s: StatusNotification) => status.update(s)),
    lc.onDidChangeState((e) => {
      if (e.newState === State.Stopped) status.stopped('IRQ Lens: the language server is not running (see IRQ Lens: Show Log).');
    }),
    onConfigChange(() => {
      const layout = requestLayout();
      log().info(`Settings changed (layout ${layout ?? 'auto'}).`);
      if (MapPanel.current) void MapPanel.current.load(layout ? { layout } : {});
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => log().info('Workspace trusted: Review Patch of a git range is available.')),
  );

  log().info(`IRQ Lens ${String(context.extension.packageJSON.version)} starting its language server (${context.asAbsolutePath('dist/server.js')}).`);
  try {
    await lc.start();
  } catch (e) {
    const message = `IRQ Lens: the language server did not start: ${e instanceof Error ? e.message : String(e)}`;
    log().error(message);
    status.stopped(message);
    void vscode.window.showErrorMessage(message, 'Show Log').then((a) => a && log().show());
  }

  return {
    serverPid: () => lc.serverProcess?.pid,
    restarts: () => errorHandler.restarts,
    restartMessage: () => errorHandler.lastMessage,
    isRunning: () => lc.isRunning(),
    statusText: () => status.text,
    map: MapPanel.probe,
    simulationPosition: () => SimulationSession.current?.current,
  };
}

export async function deactivate(): Promise<void> {
  SimulationSession.current?.stop();
  if (client?.isRunning()) await client.stop();
  client = undefined;
}
