// Everything the server builds once `initialize` has told it the root: the analysis state, the
// group checker, the live and patch documents, the background scan. One value, so the request
// handlers receive what they need instead of reaching into the server's closure.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { IrqlensNotification } from '../protocol/requests';
import { AnalysisState } from './analysis-state';
import { BackgroundScan } from './background-scan';
import type { ServerSettings } from './config';
import type { AnalysisSettings, Engine } from './engine';
import { GroupChecker } from './group-checker';
import { LiveDocuments } from './live-documents';
import type { PathMap } from './locations';
import { PatchDocuments } from './patch-documents';
import type { DiagnosticsPublisher } from './publisher';

export interface Session {
  state: AnalysisState;
  checker: GroupChecker;
  live: LiveDocuments;
  patches: PatchDocuments;
  scan: BackgroundScan;
}

export interface SessionInput {
  connection: Connection;
  engine: Engine;
  paths: PathMap;
  publisher: DiagnosticsPublisher;
  docUri: (code: string) => string | undefined;
  settings: () => ServerSettings;
  checkOptions: () => AnalysisSettings;
  workDoneProgress: boolean;
  log: (message: string) => void;
}

/** The on-disk facts cache of the scan and of patch reviews ($XDG_CACHE_HOME/irqlens). */
export function cacheDirectory(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'irqlens');
}

/** Sends irqlens/status after results change, at most every 100 ms (the status bar's counts). */
function throttledStatus(connection: Connection, checker: GroupChecker): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void connection.sendNotification(IrqlensNotification.status, checker.status());
    }, 100);
  };
}

export function createSession(input: SessionInput): Session {
  const { connection, engine, paths, publisher, docUri, log } = input;
  const state = new AnalysisState(engine, paths, engine.detectEra(paths.root), log);
  const checker = new GroupChecker(engine, state, publisher, docUri, input.settings(), input.checkOptions());
  checker.onResults = throttledStatus(connection, checker);
  const cacheDir = cacheDirectory();
  const patches = new PatchDocuments({ engine, paths, publisher, docUri, settings: input.settings, checkOptions: input.checkOptions, cacheDir, log });
  const live = new LiveDocuments(engine, state, checker, publisher, log, patches);
  const scan = new BackgroundScan(connection, engine, state, checker, { cacheDir, workDoneProgress: input.workDoneProgress, log });
  return { state, checker, live, patches, scan };
}
