// Shared set-up of the server tests: a fresh copy of a fixture tree (so edits and caches never
// touch the repo), a started client, and the open/change helpers that mirror an editor.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, LspClient, repoRoot } from './lsp-client';

export const fixturesDir = join(repoRoot, 'test', 'server', 'fixtures');

export interface Session {
  client: LspClient;
  root: string;
  uri(name: string): string;
  open(name: string, version?: number): string;
  dispose(): Promise<void>;
}

/** Copies fixtures/<name> to a temp dir and starts a server on it (cache under the temp dir too). */
export async function startSession(fixture: string, settings: unknown = { backgroundScan: false }, capabilities?: object): Promise<Session> {
  const tmp = mkdtempSync(join(tmpdir(), 'irqlens-server-'));
  const root = join(tmp, fixture);
  cpSync(join(fixturesDir, fixture), root, { recursive: true });
  const client = new LspClient(['lsp', '--stdio'], { XDG_CACHE_HOME: join(tmp, 'cache') });
  client.settings = settings;
  await client.initialize(root, capabilities);
  const uri = (name: string): string => fileUri(join(root, name));
  return {
    client,
    root,
    uri,
    open(name, version = 1) {
      const u = uri(name);
      client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'c', version, text: readFileSync(join(root, name), 'utf8') } });
      return u;
    },
    async dispose() {
      client.kill();
      await client.exited;
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** An incremental change replacing `from..to` (0-based line/character) with `text`. */
export function change(uri: string, version: number, from: [number, number], to: [number, number], text: string): object {
  return {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: from[0], character: from[1] }, end: { line: to[0], character: to[1] } }, text }],
  };
}

/** Diagnostics reduced to what a test compares: line:col-line:col severity code. */
export function brief(
  diags: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity?: number; code?: string | number }[],
): string[] {
  return diags.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code}`);
}
