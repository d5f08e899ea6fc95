// Harness for the real-VS-Code suites: a throwaway code-server (VS Code 1.100.3 server + web
// workbench, installed by test/vscode/setup.sh) bound to 127.0.0.1 with every state directory
// under one run dir, and headless Chromium (playwright-core) to host the workbench.
// The server runs in its own process group; stop() ends the whole group.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = join(__dirname, '..', '..', '..');
export const csVersion = process.env.CS_VERSION ?? '4.100.3';
export const csDir = process.env.CS_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vscode-e2e', `code-server-${csVersion}`);
const csBin = join(csDir, 'node_modules', '.bin', 'code-server');
const chromiumBin = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = process.env.IRQLENS_SCREENSHOTS ?? join(repoRoot, 'test-artifacts', 'screenshots');

/** Why the suites cannot run here, or undefined when they can. */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(csBin)) return `code-server ${csVersion} is not installed at ${csDir}: run bash test/vscode/setup.sh`;
  if (!existsSync(chromiumBin)) return `${chromiumBin} is missing: run bash test/vscode/setup.sh`;
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/webview.js']) {
    if (!existsSync(join(repoRoot, f))) return `${f} is missing: run node scripts/build.mjs`;
  }
  return undefined;
}

export interface Run {
  dir: string;
  userData: string;
  extensions: string;
  workspace: string;
}

/** Fresh per-run dirs, and a copy of the fixture workspace (the tests edit it; the repo's copy stays as it is). */
export function newRun(): Run {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-vscode-'));
  const run = { dir, userData: join(dir, 'user-data'), extensions: join(dir, 'extensions'), workspace: join(dir, 'workspace') };
  for (const d of [
    join(run.userData, 'User'),
    run.extensions,
    join(dir, 'xdg', 'config'),
    join(dir, 'xdg', 'data'),
    join(dir, 'xdg', 'cache'),
    join(dir, 'tmp'),
  ])
    mkdirSync(d, { recursive: true });
  cpSync(join(repoRoot, 'test', 'vscode', 'settings.json'), join(run.userData, 'User', 'settings.json'));
  writeFileSync(join(dir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  cpSync(join(repoRoot, 'test', 'vscode', 'workspace'), run.workspace, { recursive: true });
  return run;
}

function runEnv(run: Run, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(run.dir, 'xdg', 'config'),
    XDG_DATA_HOME: join(run.dir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(run.dir, 'xdg', 'cache'),
    TMPDIR: join(run.dir, 'tmp'),
    ...extra,
  };
}

function baseArgs(run: Run): string[] {
  return ['--config', join(run.dir, 'config.yaml'), '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/** `code-server --install-extension x.vsix` into this run's extensions dir. */
export function installExtension(run: Run, vsix: string): void {
  execFileSync(csBin, [...baseArgs(run), '--install-extension', vsix], { env: runEnv(run), stdio: 'pipe', timeout: 60_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export interface CodeServer {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

export async function startCodeServer(run: Run, env: Record<string, string> = {}): Promise<CodeServer> {
  const port = await freePort();
  const logFile = join(run.dir, 'code-server.log');
  const out = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    csBin,
    [
      ...baseArgs(run),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { env: runEnv(run, env), detached: true, stdio: ['ignore', out, out] },
  );
  const pgid = child.pid;
  const stop = async (): Promise<void> => {
    if (pgid === undefined) return;
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(-pgid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  for (let i = 0; i < 300; i++) {
    if (await canConnect(port)) return { url: `http://127.0.0.1:${port}`, stop, log: () => readFileSync(logFile, 'utf8') };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`code-server did not start:\n${readFileSync(logFile, 'utf8')}`);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(run: Run): Promise<Browser> {
  const udd = join(run.dir, 'chromium');
  const context = await chromium.launchPersistentContext(udd, {
    executablePath: chromiumBin,
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-breakpad',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: udd, XDG_CACHE_HOME: udd },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close: () => context.close() };
}

export function removeRun(run: Run): void {
  if (process.env.KEEP_RUN) console.log(`# run dir kept: ${run.dir}`);
  else rmSync(run.dir, { recursive: true, force: true });
}
