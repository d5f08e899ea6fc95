// Runs the test suites with node's test runner, after a build, a type check and Biome's format
// and lint check.
//   node scripts/test.mjs [suite...]     suites: unit scenarios server tools fuzz realtree nvim emacs helix vscode (default: all)
// tools drives b4, git rebase -x and an npm-installed package (scripts/setup-review-tools.sh installs b4).
// The fuzz suite runs with a fixed seed and a bounded budget (IRQLENS_FUZZ_SECONDS, default 24 s
// in all, IRQLENS_FUZZ_SEED, default 15); `npm run fuzz -- --seconds N --seed S` runs it longer.
// IRQLENS_SKIP_REALTREE=1 skips the real-kernel-tree suite; IRQLENS_SKIP_EDITORS=1 skips the
// real-editor suites (Neovim, Emacs, Helix, VS Code). CI sets neither.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = ['unit', 'scenarios', 'server', 'tools', 'fuzz', 'realtree', 'nvim', 'emacs', 'helix', 'vscode'];
let suites = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (suites.length === 0) suites = all;
if (process.env.IRQLENS_SKIP_REALTREE === '1') suites = suites.filter((s) => s !== 'realtree');
if (process.env.IRQLENS_SKIP_EDITORS === '1') suites = suites.filter((s) => !['nvim', 'emacs', 'helix', 'vscode'].includes(s));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`test: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})\n`);
    process.exit(r.status || 1);
  }
}

function testFiles(dir) {
  const acc = [];
  const visit = (d) => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) visit(p);
      else if (n.endsWith('.test.js')) acc.push(p);
    }
  };
  visit(dir);
  return acc.sort();
}

run('node', ['scripts/build.mjs']);
run('npx', ['tsc', '-p', '.', '--noEmit']);
// Formatting and lint (biome.json): `npx biome format --write` fixes the formatting.
run('npx', ['biome', 'ci', '--reporter=summary']);
const files = suites.flatMap((s) => testFiles(join(root, 'out', 'test', s)));
if (files.length === 0) {
  process.stderr.write('test: no test files found\n');
  process.exit(1);
}
run('node', ['--test', '--test-concurrency=2', ...files]);
