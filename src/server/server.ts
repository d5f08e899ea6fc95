// The IRQ Lens language server: wires the LSP connection to the engine. Edited buffers are
// re-extracted and their directory group re-checked on every change (the edited file's
// diagnostics go out first); the rest of the workspace is scanned in the background.
import {
  CodeActionKind,
  CodeActionRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  HoverRequest,
  type CodeActionParams,
  type CodeLensParams,
  type HoverParams,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { IrqlensServerCommand } from '../protocol/requests';
import { codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { defaultSettings, readSettings, type ServerSettings } from './config';
import { registerCustomRequests } from './custom-requests';
import type { AnalysisSettings } from './engine';
import { createEngine } from './engine-binding';
import { guard } from './guard';
import { hoverAt } from './hover';
import { PathMap } from './locations';
import { OpenDocuments } from './open-documents';
import { DiagnosticsPublisher } from './publisher';
import { findPackageRoot, ruleDocResolver } from '../check/rule-docs';
import { createSession, type Session } from './session';
import { checkCodeActionParams, checkDocumentParams, checkPositionParams } from './params';

export interface ServerOptions {
  /** Directory of the running bundle; the package root (docs/rules) is found from it. */
  installDir: string;
}

const version = '0.1.0';

const capabilities: InitializeResult['capabilities'] = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Empty] },
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: Object.values(IrqlensServerCommand) },
};

/** Settings from initializationOptions: { settings: {...} } (documented) or { irqlens: {...} } (Helix's `config`). */
function initialSettings(params: InitializeParams): unknown {
  const init = params.initializationOptions as { settings?: unknown; irqlens?: unknown } | null | undefined;
  return init?.settings ?? init?.irqlens;
}

/** Whether a settings change needs a new workspace scan (what it covers changed). */
function scanChanged(a: ServerSettings, b: ServerSettings): boolean {
  return a.backgroundScan !== b.backgroundScan || JSON.stringify(a.exclude) !== JSON.stringify(b.exclude) || a.layout !== b.layout;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const log = (m: string): void => connection.console.log(m);
  const engine = createEngine(log);
  const documents = new OpenDocuments();
  const publisher = new DiagnosticsPublisher(connection);
  const docUri = ruleDocResolver(findPackageRoot(options.installDir));
  let settings: ServerSettings = defaultSettings;
  let canReadConfiguration = false;
  let canRefreshCodeLens = false;
  let initOptionsSettings: unknown;
  let paths = new PathMap(process.cwd());
  let session: Session | undefined;

  const checkOptions = (): AnalysisSettings => ({
    layout: settings.layout,
    partitions: settings.partitions,
    topology: settings.topology ? paths.absFromRel(settings.topology) : null,
  });
  // Before `initialize` there is no root and no engine: refuse requests, ignore documents.
  const ready = (): Session => {
    if (!session) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'irqlens: the server is not initialized yet');
    return session;
  };

  connection.onInitialize(
    guard(log, async (params: InitializeParams): Promise<InitializeResult> => {
      const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
      if (root) paths = new PathMap(URI.parse(root).fsPath);
      canReadConfiguration = params.capabilities.workspace?.configuration === true;
      canRefreshCodeLens = params.capabilities.workspace?.codeLens?.refreshSupport === true;
      initOptionsSettings = initialSettings(params);
      if (initOptionsSettings !== undefined) settings = readSettings(initOptionsSettings, log);
      await engine.ready();
      const workDoneProgress = params.capabilities.window?.workDoneProgress === true;
      session = createSession({ connection, engine, paths, publisher, docUri, settings: () => settings, checkOptions, workDoneProgress, log });
      return { capabilities, serverInfo: { name: 'irqlens', version } };
    }),
  );

  const reloadSettings = async (pushed?: unknown): Promise<void> => {
    let raw: unknown = initOptionsSettings;
    if (canReadConfiguration) raw = (await connection.workspace.getConfiguration('irqlens')) as unknown;
    else if (pushed !== undefined) raw = pushed;
    settings = readSettings(raw, log);
    ready().checker.configure(settings, checkOptions());
  };

  connection.onInitialized(async () => {
    try {
      await reloadSettings();
      await ready().checker.recheckAll();
      if (settings.backgroundScan) void ready().scan.start(settings);
    } catch (err) {
      log(`irqlens: reading settings failed: ${String(err)}`);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!session) return;
    const previous = settings;
    // Untrusted like any params: null or a non-object is "no settings given" (then read again).
    await reloadSettings((change as { settings?: { irqlens?: unknown } } | null)?.settings?.irqlens);
    if (JSON.stringify(settings) === JSON.stringify(previous)) return;
    await session.checker.recheckAll();
    if (canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (!settings.backgroundScan) session.scan.cancel();
    else if (scanChanged(previous, settings)) void session.scan.start(settings);
  });

  documents.listen(connection, () => session?.live);
  // By method name, not onHover & co.: those read params.workDoneToken before any check, so null
  // params answered an internal error. The checks answer -32602 naming the field instead.
  connection.onRequest(
    HoverRequest.method,
    guard(log, (p: unknown) => hoverAt(checkPositionParams(p as HoverParams), { documents, engine, ...ready() }), null),
  );
  connection.onRequest(
    CodeActionRequest.method,
    guard(log, (p: unknown) => codeActions(checkCodeActionParams(p as CodeActionParams), { documents, ...ready() }), []),
  );
  connection.onRequest(
    CodeLensRequest.method,
    guard(
      log,
      (p: unknown) => {
        const checked = checkDocumentParams(p as CodeLensParams);
        return settings.codeLens.enable ? codeLenses(checked, ready()) : [];
      },
      [],
    ),
  );
  registerCustomRequests(connection, () => ({ engine, settings, checkOptions: checkOptions(), documents, ...ready() }), log);
}
