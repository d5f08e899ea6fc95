// A minimal LSP client for the server tests: spawns `node dist/cli.js lsp --stdio`, frames
// JSON-RPC by hand (Content-Length headers), answers the server's own requests
// (workspace/configuration, progress creation) and records every notification.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = join(__dirname, '..', '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

export interface RpcError {
  code: number;
  message: string;
}

export interface Notification {
  method: string;
  params: unknown;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: RpcError) => void };

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  readonly stderr: string[] = [];
  /** What `workspace/configuration` answers for section irqlens. */
  settings: unknown = {};
  /** Server requests of these methods wait for release() before they are answered. */
  readonly held = new Set<string>();
  private readonly heldAnswers: { method: string; answer: () => void }[] = [];
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: (() => void)[] = [];
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  /** `program` runs the server: by default this checkout's dist/cli.js, e.g. an installed `irqlens` instead. */
  constructor(args: string[] = ['lsp', '--stdio'], env: NodeJS.ProcessEnv = {}, program: string[] = [process.execPath, cliPath]) {
    const [command, ...pre] = program;
    this.proc = spawn(command, [...pre, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Writes raw bytes (for malformed-input tests). */
  writeRaw(data: string | Buffer): void {
    this.proc.stdin.write(data);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request<T = unknown>(method: string, params?: unknown): Promise<T> {
    const id = this.nextId++;
    this.send(params === undefined ? { id, method } : { id, method, params });
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve: (v) => resolve(v as T), reject }));
  }

  notify(method: string, params?: unknown): void {
    this.send(params === undefined ? { method } : { method, params });
  }

  /** Resolves when `predicate` holds over the notifications seen so far; rejects after `ms`. */
  waitFor<T>(predicate: () => T | undefined, ms = 5000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const v = predicate();
        if (v !== undefined) {
          clearTimeout(timer);
          resolve(v);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; stderr: ${this.stderr.join('')}`));
      }, ms);
      const waiter = (): void => {
        if (check()) this.waiters.splice(this.waiters.indexOf(waiter), 1);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  /** The latest publishDiagnostics for `uri` whose version (when given) matches. */
  diagnosticsFor(uri: string, version?: number): { version?: number; diagnostics: Diagnostic[] } | undefined {
    for (let i = this.notifications.length - 1; i >= 0; i--) {
      const n = this.notifications[i]!;
      if (n.method !== 'textDocument/publishDiagnostics') continue;
      const p = n.params as { uri: string; version?: number; diagnostics: Diagnostic[] };
      if (p.uri !== uri) continue;
      if (version !== undefined && p.version !== version) return undefined;
      return p;
    }
    return undefined;
  }

  waitForDiagnostics(uri: string, version?: number, ms = 5000): Promise<Diagnostic[]> {
    return this.waitFor(() => this.diagnosticsFor(uri, version)?.diagnostics, ms, `diagnostics of ${uri} v${version ?? 'any'}`);
  }

  async initialize(rootPath: string, capabilities: object = defaultCapabilities, initializationOptions?: unknown): Promise<InitializeResult> {
    const rootUri = pathToFileURL(rootPath).href;
    const result = await this.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities,
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  async shutdown(): Promise<{ code: number | null; signal: string | null }> {
    await this.request('shutdown');
    this.notify('exit');
    return this.exited;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!match) throw new Error(`bad header from server: ${this.buffer.subarray(0, headerEnd).toString()}`);
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.method !== undefined && msg.id !== undefined) this.answerServerRequest(msg.id, msg.method, msg.params);
    else if (msg.method !== undefined) this.notifications.push({ method: msg.method, params: msg.params });
    else if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(msg.error);
      else p?.resolve(msg.result ?? null);
    }
    for (const w of [...this.waiters]) w();
  }

  /** Answers the held server requests of `method`. */
  release(method: string): void {
    for (const h of this.heldAnswers.filter((a) => a.method === method)) h.answer();
    this.heldAnswers.splice(0, this.heldAnswers.length, ...this.heldAnswers.filter((a) => a.method !== method));
  }

  private answerServerRequest(id: number | string, method: string, params: unknown): void {
    this.serverRequests.push({ method, params });
    if (this.held.has(method)) {
      this.heldAnswers.push({ method, answer: () => this.send({ id, result: null }) });
    } else if (method === 'workspace/configuration') {
      const items = (params as { items: unknown[] }).items;
      this.send({ id, result: items.map(() => this.settings) });
    } else {
      this.send({ id, result: null });
    }
  }
}

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: RpcError;
}

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Diagnostic['range'] }; message: string }[];
  data?: unknown;
}

export interface InitializeResult {
  capabilities: Record<string, unknown>;
  serverInfo?: { name: string; version?: string };
}

export const defaultCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: true },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
