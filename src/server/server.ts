// The IRQ Lens language server: wires the LSP connection to the engine. Edited buffers are
// re-extracted and their directory group re-checked on every change (the edited file's
// diagnostics go out first); the rest of the workspace is scanned in the background.
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { isRuleCode, ruleHelpUri } from '../check/rules';
import { IrqlensNotification, IrqlensServerCommand } from '../protocol/requests';
import { AnalysisState } from './analysis-state';
import { BackgroundScan } from './background-scan';
import { codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { defaultSettings, readSettings, type ServerSettings } from './config';
import { registerCustomRequests } from './custom-requests';
import type { CheckOptions } from './engine';
import { createEngine } from './engine-binding';
import { GroupChecker } from './group-checker';
import { hoverAt } from './hover';
import { LiveDocuments } from './live-documents';
import { OpenDocuments } from './open-documents';
import { PatchDocuments } from './patch-documents';
import { PathMap } from './locations';
import { DiagnosticsPublisher } from './publisher';
import { findPackageRoot, ruleDocResolver } from './rule-docs';
import { guard } from './guard';

export interface ServerOptions {
  /** Directory of the running bundle; the package root (docs/rules) is found from it. */
  installDir: string;
}

const version = '0.1.0';

export function startServer(connection: Connection, options: ServerOptions): void {
  const log = (m: string): void => connection.console.log(m);
  const engine = createEngine(log);
  const documents = new OpenDocuments();
  const publisher = new DiagnosticsPublisher(connection);
  const docUri = ruleDocResolver(findPackageRoot(options.installDir), (code) => (isRuleCode(code) ? ruleHelpUri(code) : undefined));
  let settings: ServerSettings = defaultSettings;
  let canReadConfiguration = false;
  let canRefreshCodeLens = false;
  let initOptionsSettings: unknown;
  let paths = new PathMap(process.cwd());
  // Filled in on `initialize` once the root is known.
  let state!: AnalysisState;
  let checker!: GroupChecker;
  let live: LiveDocuments | undefined;
  let scan!: BackgroundScan;
  let patches!: PatchDocuments;

  const checkOptions = (): CheckOptions => ({
    layout: settings.layout,
    partitions: settings.partitions,
    topology: settings.topology ? paths.absFromRel(settings.topology) : null,
  });

  connection.onInitialize(
    guard(log, async (params: InitializeParams): Promise<InitializeResult> => {
      const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
      if (root) paths = new PathMap(URI.parse(root).fsPath);
      canReadConfiguration = params.capabilities.workspace?.configuration === true;
      canRefreshCodeLens = params.capabilities.workspace?.codeLens?.refreshSupport === true;
      // { settings: {...} } (documented) or { irqlens: {...} } (what Helix sends from `config`).
      const init = params.initializationOptions as { settings?: unknown; irqlens?: unknown } | undefined;
      initOptionsSettings = init?.settings ?? init?.irqlens;
      if (initOptionsSettings !== undefined) settings = readSettings(initOptionsSettings, log);
      await engine.ready();
      state = new AnalysisState(engine, paths, engine.detectEra(paths.root), log);
      checker = new GroupChecker(engine, state, publisher, docUri, settings, checkOptions());
      // The status bar's counts follow every change, at most every 100 ms.
      let statusTimer: NodeJS.Timeout | undefined;
      checker.onResults = () => {
        statusTimer ??= setTimeout(() => {
          statusTimer = undefined;
          void connection.sendNotification(IrqlensNotification.status, checker.status());
        }, 100);
      };
      const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'irqlens');
      patches = new PatchDocuments({ engine, paths, publisher, docUri, settings: () => settings, checkOptions, cacheDir, log });
      live = new LiveDocuments(engine, state, checker, publisher, log, patches);
      scan = new BackgroundScan(connection, engine, state, checker, {
        cacheDir,
        workDoneProgress: params.capabilities.window?.workDoneProgress === true,
        log,
      });
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Empty] },
          codeLensProvider: { resolveProvider: false },
          executeCommandProvider: { commands: Object.values(IrqlensServerCommand) },
        },
        serverInfo: { name: 'irqlens', version },
      };
    }),
  );

  const reloadSettings = async (pushed?: unknown): Promise<void> => {
    let raw: unknown = initOptionsSettings;
    if (canReadConfiguration) raw = (await connection.workspace.getConfiguration('irqlens')) as unknown;
    else if (pushed !== undefined) raw = pushed;
    settings = readSettings(raw, log);
    checker.configure(settings, checkOptions());
  };

  connection.onInitialized(async () => {
    try {
      await reloadSettings();
      await checker.recheckAll();
      if (settings.backgroundScan) scan.start(settings);
    } catch (err) {
      log(`irqlens: reading settings failed: ${String(err)}`);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { irqlens?: unknown } | null)?.irqlens;
    const before = JSON.stringify(settings);
    await reloadSettings(pushed);
    if (JSON.stringify(settings) === before) return;
    await checker.recheckAll();
    if (canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (settings.backgroundScan) scan.start(settings);
    else scan.cancel();
  });

  // Before `initialize` there is no root and no engine: refuse requests, ignore documents.
  const initialized = (): void => {
    if (!state) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'irqlens: the server is not initialized yet');
  };
  documents.listen(connection, () => live);

  connection.onHover(guard(log, (p) => (initialized(), hoverAt(p, { documents, state, checker, engine })), null));
  connection.onCodeAction(guard(log, (p) => (initialized(), codeActions(p, { documents, state, checker })), []));
  connection.onCodeLens(guard(log, (p) => (initialized(), settings.codeLens.enable ? codeLenses(p, { state, checker }) : []), []));
  registerCustomRequests(connection, () => (initialized(), { engine, state, checker, scan, settings, checkOptions: checkOptions(), patches, documents }), log);

}
