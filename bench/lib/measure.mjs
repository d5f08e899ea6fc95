// Runs one command under GNU time and returns wall seconds, CPU seconds (user + system) and peak
// RSS. Output goes to a file so that large outputs do not distort the numbers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const timeBinary = '/usr/bin/time';

export function checkTimeBinary() {
  if (!existsSync(timeBinary)) throw new Error('GNU time is missing: apt-get install -y time');
}

/**
 * @param {{ cmd: string, args: string[], cwd: string, env?: Record<string, string> }} run
 * @returns {{ wall: number, cpu: number, rssMB: number, status: number, stdout: string, stderr: string }}
 */
export function measure(run) {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-bench-'));
  const stats = join(dir, 'time.txt');
  const out = join(dir, 'stdout.txt');
  try {
    const r = spawnSync('bash', ['-c', `"$@" > ${out}`, 'measure', timeBinary, '-o', stats, '-f', '%e %U %S %M', run.cmd, ...run.args], {
      cwd: run.cwd,
      env: { ...process.env, ...(run.env ?? {}) },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = readFileSync(stats, 'utf8').trim().split('\n').pop() ?? '';
    const [wall, user, sys, rssKB] = last.split(' ').map(Number);
    return {
      wall,
      cpu: user + sys,
      rssMB: rssKB / 1024,
      status: r.status ?? -1,
      stdout: readFileSync(out, 'utf8'),
      stderr: r.stderr ?? '',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `n` times; the run with the median wall time, with every wall time in `walls`. The
 *  machine's load moves single runs by 10-30 % on 2 cores: ratios compare medians. */
export function measureMedian(run, n = 3) {
  const runs = Array.from({ length: n }, () => measure(run));
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  return { ...sorted[n >> 1], walls: runs.map((r) => r.wall) };
}

/** Seconds to two places, space-separated: how the bench lists the runs behind a median. */
export function seconds(xs) {
  return xs.map((x) => x.toFixed(2)).join(' ');
}
