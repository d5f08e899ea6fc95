// The language server's two targets: keystroke to updated diagnostics on the largest MSI-using
// file (goal <= 30 ms, the client's debounce excluded: the driver sends edits with none), and a
// whole-workspace background scan no slower than `irqlens check` on the same tree.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, seconds } from '../lib/measure.mjs';

const driver = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, 'lsp-driver.mjs');

function missing(ctx) {
  if (!existsSync(join(ctx.root, 'dist', 'cli.js'))) return 'dist/cli.js missing: run `node scripts/build.mjs`';
  if (!existsSync(join(ctx.root, 'out', 'test', 'server', 'lsp-client.js'))) return 'out/ missing: run `node scripts/build.mjs`';
  return undefined;
}

/** The largest .c file among rg's candidates (6.12: drivers/net/ethernet/broadcom/tg3.c). */
function largestCandidate(ctx) {
  const files = (ctx.candidates ?? []).filter((f) => f.endsWith('.c'));
  return files.map((f) => ({ f, size: statSync(join(ctx.tree, f)).size })).sort((a, b) => b.size - a.size)[0]?.f;
}

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureLspKeystroke(ctx) {
  const why = missing(ctx);
  const file = largestCandidate(ctx);
  if (why || !file) return { name: 'lsp keystroke', skipped: why ?? 'no candidate files (rg found none)' };
  const m = measure({ cmd: process.execPath, args: [driver, 'keystroke', ctx.tree, file], cwd: ctx.tree });
  if (m.status !== 0) return { name: 'lsp keystroke', ...m, result: `exit ${m.status}: ${m.stderr.split('\n')[0]}` };
  const r = JSON.parse(m.stdout);
  return {
    name: 'lsp keystroke',
    ...m,
    result: `${file}: edit -> diagnostics median ${r.medianMs.toFixed(1)} ms, p90 ${r.p90Ms.toFixed(1)} ms over ${r.edits} edits (goal <= 30 ms); open ${r.openMs.toFixed(0)} ms`,
  };
}

/** Rounds of (irqlens check, cold scan) alternated: the goal compares medians, not one noisy pair. */
const scanRounds = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureLspScan(ctx) {
  const why = missing(ctx);
  if (why) return { name: 'lsp scan', skipped: why };
  const checks = [];
  const scans = [];
  let last;
  let warmMs;
  for (let round = 0; round < scanRounds; round++) {
    const cache = mkdtempSync(join(tmpdir(), 'irqlens-lsp-bench-'));
    try {
      const env = { XDG_CACHE_HOME: cache };
      checks.push(
        measure({ cmd: process.execPath, args: [join(ctx.root, 'dist', 'cli.js'), 'check', '--format', 'json', '--fail-on', 'never', '.'], cwd: ctx.tree, env })
          .wall,
      );
      const cold = measure({ cmd: process.execPath, args: [driver, 'scan', ctx.tree], cwd: ctx.tree, env });
      if (cold.status !== 0) return { name: 'lsp scan', ...cold, result: `exit ${cold.status}: ${cold.stderr.split('\n')[0]}` };
      scans.push(JSON.parse(cold.stdout).scanMs / 1000);
      last = cold;
      if (round === scanRounds - 1) {
        const warm = measure({ cmd: process.execPath, args: [driver, 'scan', ctx.tree], cwd: ctx.tree, env });
        if (warm.status === 0) warmMs = JSON.parse(warm.stdout).scanMs;
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }
  const c = JSON.parse(last.stdout);
  return {
    name: 'lsp scan',
    ...last,
    result: `scan median ${median(scans).toFixed(2)} s cold (${seconds(scans)}), ${warmMs === undefined ? '?' : (warmMs / 1000).toFixed(1)} s from the disk cache; irqlens check median ${median(checks).toFixed(2)} s (${seconds(checks)}) in the same rounds (goal: scan <= check); ${c.published} files with diagnostics`,
  };
}
