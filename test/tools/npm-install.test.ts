// Install like a tool: `npm pack` gives a tarball with no dependencies that
// `npm install -g --offline --prefix TMP` turns into a working `irqlens` on PATH (bundled CLI,
// server, workers and wasm), without the registry and without this checkout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../server/lsp-client';

const root = join(__dirname, '..', '..', '..');
const fixtureTree = join(root, 'test', 'fixtures', 'review-mail', 'tree');

/** npm with a private HOME and cache, and none of the runner's npm_config_* settings. */
function npmEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: join(dir, 'home'),
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  return env;
}

test('npm pack, then npm install -g --offline into a temporary prefix: irqlens check and irqlens lsp work from there', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-install-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = npmEnv(dir);
  // test.mjs has just built dist/: skip prepack's rebuild.
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, env, stdio: 'pipe' });
  const tarball = readdirSync(dir).filter((n) => n.endsWith('.tgz'));
  assert.deepEqual(tarball, ['irqlens-0.1.0.tgz']);
  const prefix = join(dir, 'prefix');
  execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(dir, tarball[0])], { cwd: dir, env, stdio: 'pipe' });

  const installed = join(prefix, 'lib', 'node_modules', 'irqlens');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: object; private?: boolean };
  assert.deepEqual([manifest.dependencies, manifest.private], [undefined, undefined], 'no runtime dependencies, not private');
  assert.equal(existsSync(join(installed, 'node_modules')), false, 'nothing else installed');
  assert.deepEqual(
    ['src', 'test', 'out'].filter((d) => existsSync(join(installed, d))),
    [],
    'no sources or tests',
  );
  assert.deepEqual(
    readdirSync(join(installed, 'dist')).filter((n) => n.endsWith('.map')),
    [],
    'no source maps',
  );

  const path = `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`;
  const check = spawnSync('irqlens', ['check', '.', '--format', 'sarif'], { cwd: fixtureTree, env: { PATH: path, HOME: env.HOME }, encoding: 'utf8' });
  assert.equal(check.status, 1, check.stderr);
  const sarif = JSON.parse(check.stdout) as {
    runs: {
      results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      tool: { driver: { rules: { id: string; helpUri?: string }[] } };
    }[];
  };
  const run = sarif.runs[0];
  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
    [['msi/vector-unallocated', 'drivers/misc/qux/qux.c', 13]],
  );
  // rule pages link to the installed copy
  assert.equal(run.tool.driver.rules.find((r) => r.id === 'msi/leak')?.helpUri, pathToFileURL(join(installed, 'docs', 'rules', 'msi-leak.md')).href);

  const client = new LspClient(['lsp', '--stdio'], { PATH: path, HOME: env.HOME, XDG_CACHE_HOME: join(dir, 'cache') }, [join(prefix, 'bin', 'irqlens')]);
  t.after(() => client.kill());
  const init = await client.initialize(fixtureTree);
  assert.equal(init.serverInfo?.name, 'irqlens');
  const uri = pathToFileURL(join(fixtureTree, 'drivers', 'misc', 'qux', 'qux.c')).href;
  client.notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'c', version: 1, text: readFileSync(join(fixtureTree, 'drivers', 'misc', 'qux', 'qux.c'), 'utf8') },
  });
  const diagnostics = await client.waitForDiagnostics(uri, 1, 15000);
  assert.deepEqual(
    diagnostics.map((d) => [d.range.start.line, d.code]),
    [[12, 'msi/vector-unallocated']],
  );
  assert.deepEqual(await client.shutdown(), { code: 0, signal: null });
});
