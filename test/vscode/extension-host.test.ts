// Route C: runs the mocha suite test/vscode/suite (the @vscode/test-electron run() contract)
// inside code-server's real node extension host. Headless Chromium only hosts the workbench;
// VS Code itself loads the suite from the workbench URL's payload (extensionDevelopmentPath =
// this repository, extensionTestsPath = out/test/vscode/suite/index.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, missingPrerequisite, newRun, removeRun, repoRoot, screenshotDir, startCodeServer } from './code-server';

const timeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 100_000);
const noise =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|ChatSessionStore)|ENOTFOUND open-vsx\.org/;

interface Results {
  passes: string[];
  failures: { title: string; error: string }[];
  summary: string;
}

test('extension-host suite passes inside a real VS Code (code-server 1.100.3)', { timeout: timeoutMs + 30_000 }, async () => {
  const missing = missingPrerequisite();
  assert.equal(missing, undefined, missing);
  const run = newRun();
  const resultsFile = join(run.dir, 'results.json');
  const server = await startCodeServer(run, { IRQLENS_TEST_RESULTS: resultsFile });
  const browser = await launchBrowser(run);
  try {
    const authority = new URL(server.url).host;
    const remote = (p: string): string => `vscode-remote://${authority}${p}`;
    const url = new URL(server.url);
    url.searchParams.set('folder', run.workspace);
    url.searchParams.set(
      'payload',
      JSON.stringify([
        ['extensionDevelopmentPath', remote(repoRoot)],
        ['extensionTestsPath', remote(join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js'))],
      ]),
    );
    let finish: (code: number | 'timeout') => void = () => {};
    const finished = new Promise<number | 'timeout'>((r) => {
      finish = r;
    });
    // the workbench's automation hooks: every log line (incl. the extension host's console) and the runner's exit code
    await browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (process.env.VERBOSE || !noise.test(line)) (type === 'error' ? console.error : console.log)(`# ${line.replace(/\n/g, '\n# ')}`);
    });
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await browser.page.goto(url.toString());
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const code = await finished;
    clearTimeout(timer);
    mkdirSync(screenshotDir, { recursive: true });
    await browser.page.screenshot({ path: join(screenshotDir, 'route-c-after-tests.png') }).catch(() => undefined);
    assert.ok(existsSync(resultsFile), `the suite wrote no results (exit ${String(code)}); code-server log:\n${server.log().slice(-3000)}`);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
    assert.deepEqual(results.failures, []);
    assert.equal(code, 0);
    assert.equal(results.passes.length, 12, results.summary);
  } finally {
    await browser.close();
    await server.stop();
    removeRun(run);
  }
});
