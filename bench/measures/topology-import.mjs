// `irqlens topology` over every lspci dump in test/fixtures/topology/lspci (one process, all
// files): import, alias walks, groups and the JSON report. Goal: under 1 s in total, node start
// included.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureTopologyImport(ctx) {
  const cli = join(ctx.root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { name: 'irqlens topology', skipped: 'dist/cli.js missing: run `node scripts/build.mjs`' };
  const dir = join(ctx.root, 'test', 'fixtures', 'topology', 'lspci');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(dir, f));
  const run = { cmd: process.execPath, args: [cli, 'topology', '--format', 'json', ...files], cwd: ctx.root };
  measure(run); // warm-up
  const m = measure(run);
  if (m.status !== 0) return { name: 'irqlens topology', ...m, result: `exit ${m.status}: ${m.stderr.split('\n')[0]}` };
  const reports = JSON.parse(m.stdout);
  const functions = reports.reduce((n, r) => n + r.functions, 0);
  return { name: 'irqlens topology', ...m, result: `${reports.length} dumps, ${functions} functions (goal < 1 s in total)` };
}
