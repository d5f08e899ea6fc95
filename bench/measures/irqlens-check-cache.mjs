// `irqlens check --cache` with the facts cache warm (a second run over an unchanged tree, as a
// maintainer's or CI's repeated check is): the cache lives in a scratch XDG_CACHE_HOME, never the user's.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, measureMedian, seconds } from '../lib/measure.mjs';

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureIrqlensCheckCache(ctx) {
  const cli = join(ctx.root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { name: 'check --cache (warm)', skipped: 'dist/cli.js missing: run `node scripts/build.mjs`' };
  const home = mkdtempSync(join(tmpdir(), 'irqlens-bench-cache-'));
  try {
    const run = {
      cmd: process.execPath,
      args: [cli, 'check', '--format', 'json', '--fail-on', 'never', '--cache', '.'],
      cwd: ctx.tree,
      env: { XDG_CACHE_HOME: home },
    };
    const cold = measure(run); // fills the cache
    const m = measureMedian(run);
    if (m.status !== 0) return { name: 'check --cache (warm)', ...m, result: `exit ${m.status}: ${m.stderr.split('\n')[0]}` };
    return { name: 'check --cache (warm)', ...m, result: `cold run (filling the cache) ${cold.wall.toFixed(2)} s; warm median of ${seconds(m.walls)} s` };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
