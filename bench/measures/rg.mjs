// ripgrep: the files that name any catalogue API as a whole word (the speed reference).
import { spawnSync } from 'node:child_process';
import { measure, measureMedian, seconds } from '../lib/measure.mjs';

export function rgArgs(names) {
  return ['-l', '-w', '--no-ignore', '-g', '*.[ch]', '-e', names.join('|'), '.'];
}

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureRg(ctx) {
  if (spawnSync('rg', ['--version']).status !== 0) return { name: 'rg -l', skipped: 'ripgrep missing: apt-get install -y ripgrep' };
  const run = { cmd: 'rg', args: rgArgs(ctx.names), cwd: ctx.tree };
  measure(run); // warm-up
  const m = measureMedian(run);
  ctx.candidates = m.stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^\.\//, ''))
    .sort();
  return { name: 'rg -l', ...m, result: `${ctx.candidates.length} files; median of ${seconds(m.walls)} s` };
}
