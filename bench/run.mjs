// `npm run bench`: on the real 6.12 tree, measures side by side (warm: one warm-up run each, then
// the median of 3 for rg, facts and check) ripgrep, Coccinelle, `irqlens facts`/`check`, the server — wall and CPU seconds, peak RSS — with ratios vs rg.
//   [KERNEL_SRC_DIR=DIR-WITH-linux-source-6.12] npm run bench [-- --only irqlens-facts,coccinelle]
// To add a measurement: write one function (ctx) => Row in bench/measures/ and list it below.
import { existsSync } from 'node:fs';
import { availableParallelism, homedir, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTimeBinary } from './lib/measure.mjs';
import { catalogueNames } from './lib/names.mjs';
import { printTable } from './lib/table.mjs';
import { measureRg } from './measures/rg.mjs';
import { measureIrqlensFacts } from './measures/irqlens-facts.mjs';
import { measureIrqlensCheck } from './measures/irqlens-check.mjs';
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
  { name: 'coccinelle', run: measureCoccinelle },
  { name: 'irqlens-review', run: measureIrqlensReview },
  { name: 'topology-import', run: measureTopologyImport },
  { name: 'lsp-keystroke', run: measureLspKeystroke },
  { name: 'lsp-scan', run: measureLspScan },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tree = join(process.env.KERNEL_SRC_DIR || join(homedir(), '.cache', 'kernel-src'), 'linux-source-6.12');

function main() {
  if (!existsSync(join(tree, 'include', 'linux', 'msi.h'))) {
    console.error(`bench: no kernel tree at ${tree}; run scripts/get-kernel.sh or set KERNEL_SRC_DIR`);
    process.exit(2);
  }
  checkTimeBinary();
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg !== -1 ? process.argv[onlyArg + 1]?.split(',') : undefined;
  /** @type {BenchContext} */
  const ctx = { root, tree, names: catalogueNames(root), jobs: availableParallelism() };
  // Wall ratios move with the machine's load: print it, so a run can be judged.
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`bench: ${tree} (${ctx.names.length} API names, ${ctx.jobs} cores, load average ${load()})\n`);
  const rows = [];
  for (const m of measurements) {
    if (only && m.name !== 'rg' && !only.includes(m.name)) continue; // rg is the reference
    const row = m.run(ctx);
    if (row.skipped) console.log(`  skipped ${row.name}: ${row.skipped}`);
    else rows.push(row);
  }
  console.log('');
  printTable(rows, 'rg -l');
  console.log(`\nload average at the end: ${load()}`);
}

main();
