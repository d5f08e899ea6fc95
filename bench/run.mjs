// `npm run bench`: on the real 6.12 tree, measures side by side (warm: one warm-up run each, then
// the median of 3 for rg, facts and check) ripgrep, Coccinelle, `irqlens facts`/`check`, the server — wall and CPU seconds, peak RSS — with ratios vs rg;
// then rg, facts and check again on the 7.3 tree (today's mainline), in the same run.
//   [KERNEL_SRC_DIR=DIR-WITH-linux-source-TAG] npm run bench [-- --only irqlens-facts,coccinelle] [--trees 6.12,7.3]
// To add a measurement: write one function (ctx) => Row in bench/measures/ and list it below.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTimeBinary } from './lib/measure.mjs';
import { catalogueNames } from './lib/names.mjs';
import { printTable } from './lib/table.mjs';
import { measureRg } from './measures/rg.mjs';
import { measureIrqlensFacts } from './measures/irqlens-facts.mjs';
import { measureIrqlensCheck } from './measures/irqlens-check.mjs';
import { measureIrqlensCheckCache } from './measures/irqlens-check-cache.mjs';
import { measureCoccinelle } from './measures/coccinelle.mjs';
import { measureIrqlensReview } from './measures/irqlens-review.mjs';
import { measureTopologyImport } from './measures/topology-import.mjs';
import { measureLspKeystroke, measureLspScan } from './measures/lsp.mjs';

/**
 * @typedef {{ root: string, tree: string, names: string[], jobs: number, candidates?: string[] }} BenchContext
 * rg runs first: later measurements may use ctx.candidates (the files it found).
 */
const measurements = [
  { name: 'rg', run: measureRg },
  { name: 'irqlens-facts', run: measureIrqlensFacts },
  { name: 'irqlens-check', run: measureIrqlensCheck },
  { name: 'irqlens-check-cache', run: measureIrqlensCheckCache },
  { name: 'coccinelle', run: measureCoccinelle },
  { name: 'irqlens-review', run: measureIrqlensReview },
  { name: 'topology-import', run: measureTopologyImport },
  { name: 'lsp-keystroke', run: measureLspKeystroke },
  { name: 'lsp-scan', run: measureLspScan },
];

/** Measured on every tree; the rest (Coccinelle, review, server, topology) on the first tree only. */
const everyTree = new Set(['rg', 'irqlens-facts', 'irqlens-check']);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kernelBase = process.env.KERNEL_SRC_DIR || join(homedir(), '.cache', 'kernel-src');

function argList(flag, fallback) {
  const at = process.argv.indexOf(flag);
  return at !== -1 ? (process.argv[at + 1]?.split(',') ?? fallback) : fallback;
}

/** The VERSION.PATCHLEVEL.SUBLEVEL of a tree's Makefile. */
function treeVersion(tree) {
  const head = readFileSync(join(tree, 'Makefile'), 'utf8').split('\n').slice(0, 12);
  const field = (name) =>
    head
      .map((l) => l.split('='))
      .find(([k]) => k.trim() === name)?.[1]
      ?.trim();
  return ['VERSION', 'PATCHLEVEL', 'SUBLEVEL'].map(field).filter(Boolean).join('.');
}

// Wall ratios move with the machine's load: print it, so a run can be judged.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function benchTree(tree, first, only) {
  /** @type {BenchContext} */
  const ctx = { root, tree, names: catalogueNames(root), jobs: availableParallelism() };
  console.log(`bench: ${tree}, ${treeVersion(tree)} (${ctx.names.length} API names, ${ctx.jobs} cores, load average ${load()})\n`);
  const rows = [];
  for (const m of measurements) {
    if (only && m.name !== 'rg' && !only.includes(m.name)) continue; // rg is the reference
    if (!first && !everyTree.has(m.name)) continue;
    const row = m.run(ctx);
    if (row.skipped) console.log(`  skipped ${row.name}: ${row.skipped}`);
    else rows.push(row);
  }
  console.log('');
  printTable(rows, 'rg -l');
  console.log('');
}

function main() {
  const trees = argList('--trees', ['6.12', '7.3']).map((tag) => join(kernelBase, `linux-source-${tag}`));
  const missing = trees.filter((t) => !existsSync(join(t, 'include', 'linux', 'msi.h')));
  if (missing.length) {
    console.error(`bench: no kernel tree at ${missing.join(', ')}; run scripts/get-kernel.sh 6.12 7.3 or set KERNEL_SRC_DIR`);
    process.exit(2);
  }
  checkTimeBinary();
  const only = argList('--only', undefined);
  trees.forEach((tree, i) => benchTree(tree, i === 0, only));
  console.log(`load average at the end: ${load()}`);
}

main();
