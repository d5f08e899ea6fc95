// `irqlens review` of a 30-patch series against the whole tree, warm (facts cache filled by one
// warm-up run). The series is made here: each patch adds a comment after the first MSI call of one
// driver (so every patch is analysed, none changes findings). Goal: under 5 s wall.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';

function makeSeries(ctx, dir) {
  const { createTwoFilesPatch } = createRequire(join(ctx.root, 'package.json'))('diff');
  const files = (ctx.candidates ?? []).filter((f) => f.startsWith('drivers/') && f.endsWith('.c'));
  let n = 0;
  for (const f of files) {
    if (n === 30) break;
    const text = readFileSync(join(ctx.tree, f), 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /\bpci_alloc_irq_vectors\s*\(/.test(l) && l.trim().endsWith(';'));
    if (at < 0) continue;
    lines.splice(at + 1, 0, '\t/* irqlens bench */');
    const patch = createTwoFilesPatch(`a/${f}`, `b/${f}`, text, lines.join('\n'));
    writeFileSync(join(dir, `${String(++n).padStart(4, '0')}-bench.patch`), patch);
  }
  return n;
}

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureIrqlensReview(ctx) {
  const cli = join(ctx.root, 'dist', 'cli.js');
  if (!existsSync(cli)) return { name: 'irqlens review', skipped: 'dist/cli.js missing: run `node scripts/build.mjs`' };
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-review-bench-'));
  try {
    const count = makeSeries(ctx, join(dir));
    const run = {
      cmd: process.execPath,
      args: [cli, 'review', '--tree', '.', '--patch', dir, '--cache', '--format', 'json', '--fail-on', 'never'],
      cwd: ctx.tree,
      env: { XDG_CACHE_HOME: join(dir, 'cache') },
    };
    measure(run); // warm-up: fills the facts cache
    const m = measure(run);
    if (m.status !== 0) return { name: 'irqlens review', ...m, result: `exit ${m.status}: ${m.stderr.split('\n')[0]}` };
    const r = JSON.parse(m.stdout);
    const introduced = r.cumulative.findings.filter((f) => f.kind === 'introduced').length;
    return { name: 'irqlens review', ...m, result: `${count} patches, ${introduced} introduced (goal < 5 s warm)` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
