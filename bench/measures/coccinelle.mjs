// Coccinelle with an equivalent semantic patch (bench/msi-calls.cocci: calls of the catalogue
// names). Over the whole tree spatch needs hours on 2 cores, so it runs on the files rg found
// (every file that can hold a call) and says so; the irqlens row covers the whole tree. A
// second run on an evenly spaced sample of all .c/.h files gives the whole-tree estimate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';

function semanticPatch(root, names) {
  const template = readFileSync(join(root, 'bench', 'msi-calls.cocci'), 'utf8');
  return template.replace('@NAMES@', names.join('|'));
}

function spatchArgs(cocci, list, jobs) {
  return ['--sp-file', cocci, '--file-groups', list, '--jobs', String(jobs), '--no-includes', '--no-show-diff', '--very-quiet', '--timeout', '120'];
}

/** Runs spatch on `files` (one group per file) and returns the measurement. */
function runSpatch(ctx, dir, cocci, files, tag) {
  const list = join(dir, `${tag}.txt`);
  writeFileSync(list, files.join('\n\n') + '\n');
  return measure({ cmd: 'spatch', args: spatchArgs(cocci, list, ctx.jobs), cwd: ctx.tree });
}

/** Every `step`-th .c/.h file of the tree (the same files irqlens crawls). */
function sampleOfTree(ctx, step) {
  const r = spawnSync('rg', ['--files', '--no-ignore', '-g', '*.[ch]', '.'], { cwd: ctx.tree, encoding: 'utf8', maxBuffer: 64 << 20 });
  const all = r.stdout.split('\n').filter(Boolean).sort();
  return { total: all.length, sample: all.filter((_, i) => i % step === 0) };
}

/** @param {import('../run.mjs').BenchContext} ctx */
export function measureCoccinelle(ctx) {
  const name = 'coccinelle (spatch)';
  if (spawnSync('spatch', ['--version']).status !== 0) return { name, skipped: 'spatch missing: apt-get install -y coccinelle' };
  if (!ctx.candidates) return { name, skipped: 'needs the rg candidate list' };
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-cocci-'));
  try {
    const cocci = join(dir, 'msi-calls.cocci');
    writeFileSync(cocci, semanticPatch(ctx.root, ctx.names));
    const m = runSpatch(ctx, dir, cocci, ctx.candidates, 'candidates');
    const calls = m.stdout.split('\n').filter((l) => l.startsWith('CALL\t')).length;
    const { total, sample } = sampleOfTree(ctx, 200);
    const s = runSpatch(ctx, dir, cocci, sample, 'sample');
    const estimate = (s.wall * total) / sample.length;
    const note =
      `run on the ${ctx.candidates.length} files rg found, not the whole tree; no separate warm-up (the files are warm from rg and irqlens).` +
      ` Whole tree, estimated from every 200th file (${sample.length} files: ${s.wall.toFixed(1)} s wall, ${s.cpu.toFixed(1)} s cpu): ${estimate.toFixed(0)} s wall for ${total} files`;
    return { name, ...m, result: `${calls} calls in ${ctx.candidates.length} files`, note };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
