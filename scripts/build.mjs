// Builds the bundles in dist/ (CLI, the engine's one worker, language server, VS Code extension, map webview)
// and a plain transpile of src/ and test/ into out/ for node's test runner.
// Entries whose source does not exist yet are skipped, so the build never blocks on an unbuilt layer.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const webTreeSitterCjs = require.resolve('web-tree-sitter');
// fdir's ESM build calls createRequire(import.meta.url), which is empty in a CJS bundle: use its CJS build.
const fdirCjs = require.resolve('fdir');
const only = process.argv.includes('--out-only') ? 'out' : process.argv.includes('--dist-only') ? 'dist' : 'all';

const nodeBundles = [
  { entry: 'src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { entry: 'src/engine/worker.ts', out: 'dist/worker.js' },
  { entry: 'src/server/main.ts', out: 'dist/server.js' },
  { entry: 'src/extension/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];
const browserBundles = [{ entry: 'src/webview/main.ts', out: 'dist/webview.js' }];

function walk(dir, acc = []) {
  if (!existsSync(dir)) return acc;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) acc.push(p);
  }
  return acc;
}

async function buildDist() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  // A bundle no longer built (e.g. the retired check-worker.js) must not linger into the package.
  const outputs = new Set([...nodeBundles, ...browserBundles].flatMap((b) => [b.out, `${b.out}.map`]));
  for (const name of readdirSync(join(root, 'dist'))) if (/\.js(\.map)?$/.test(name) && !outputs.has(`dist/${name}`)) rmSync(join(root, 'dist', name));
  const jobs = [];
  for (const b of nodeBundles) {
    if (!existsSync(join(root, b.entry))) continue;
    jobs.push(
      build({
        absWorkingDir: root,
        entryPoints: [b.entry],
        outfile: b.out,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: true,
        logLevel: 'warning',
        external: b.external ?? [],
        alias: { 'web-tree-sitter': webTreeSitterCjs, fdir: fdirCjs },
        banner: b.banner ? { js: b.banner } : undefined,
      }),
    );
  }
  for (const b of browserBundles) {
    if (!existsSync(join(root, b.entry))) continue;
    jobs.push(
      build({
        absWorkingDir: root,
        entryPoints: [b.entry],
        outfile: b.out,
        bundle: true,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        sourcemap: true,
        logLevel: 'warning',
      }),
    );
  }
  await Promise.all(jobs);
  cpSync(require.resolve('tree-sitter-c/tree-sitter-c.wasm'), join(root, 'dist', 'tree-sitter-c.wasm'));
  cpSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(root, 'dist', 'web-tree-sitter.wasm'));
}

async function buildOut() {
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const files = [...walk(join(root, 'src')), ...walk(join(root, 'test')), ...walk(join(root, 'bench'))].filter(
    (f) => !relative(root, f).startsWith(join('src', 'webview')) || f.endsWith('model.ts') || f.includes('view-model'),
  );
  await build({
    absWorkingDir: root,
    entryPoints: files,
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

if (only !== 'out') await buildDist();
if (only !== 'dist') await buildOut();
