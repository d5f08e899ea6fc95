// `irqlens check` over the whole tree (the bundled CLI): scan, facts, replay and findings.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measure, measureMedian, seconds } from '../lib/measure.mjs';

function summary(stdout) {
  const out = JSON.parse(stdout);
  const by = {};
  for (const f of out.findings) by[f.severity] = (by[f.severity] ?? 0) + 1;
  return `${out.findings.length} findings (${
    Object.entries(by)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none'
  }), ${out.layout} layout`;
}

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureIrqlensCheck(ctx) {
  const cli = join(ctx.root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { name: 'irqlens check', skipped: 'dist/cli.js missing: run `node scripts/build.mjs`' };
  const run = { cmd: process.execPath, args: [cli, 'check', '--format', 'json', '--fail-on', 'never', '.'], cwd: ctx.tree };
  measure(run); // warm-up
  const m = measureMedian(run);
  if (m.status !== 0) return { name: 'irqlens check', ...m, result: `exit ${m.status}: ${m.stderr.split('\n')[0]}` };
  return { name: 'irqlens check', ...m, result: `${summary(m.stdout)}; median of ${seconds(m.walls)} s` };
}
