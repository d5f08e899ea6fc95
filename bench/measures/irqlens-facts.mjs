// `irqlens facts` over the whole tree (the bundled CLI), JSON to a file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measure, measureMedian, seconds } from '../lib/measure.mjs';

function summary(stdout) {
  const tree = JSON.parse(stdout);
  const facts = tree.facts ?? (tree.files ?? []).flatMap((f) => f.facts);
  const files = new Set(facts.map((f) => f.file));
  return `${facts.length} facts in ${files.size} files (era ${tree.era?.label ?? tree.era})`;
}

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureIrqlensFacts(ctx) {
  const cli = join(ctx.root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { name: 'irqlens facts', skipped: 'dist/cli.js missing: run `node scripts/build.mjs`' };
  const run = { cmd: process.execPath, args: [cli, 'facts', '--format', 'json', '.'], cwd: ctx.tree };
  measure(run); // warm-up
  const m = measureMedian(run);
  if (m.status !== 0) return { name: 'irqlens facts', ...m, result: `exit ${m.status}: ${m.stderr.split('\n')[0]}` };
  return { name: 'irqlens facts', ...m, result: `${summary(m.stdout)}; median of ${seconds(m.walls)} s` };
}
