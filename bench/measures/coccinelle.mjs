// Coccinelle with an equivalent semantic patch (bench/msi-calls.cocci: calls of the catalogue
// names). Over the whole tree spatch needs hours on 2 cores, so it runs on the files rg found
// (every file that can hold a call) and says so; the irqlens row covers the whole tree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from '../lib/measure.mjs';

function semanticPatch(root, names) {
  const template = readFileSync(join(root, 'bench', 'msi-calls.cocci'), 'utf8');
  return template.replace('@NAMES@', names.join('|'));
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
    const list = join(dir, 'files.txt');
    writeFileSync(list, ctx.candidates.join('\n\n') + '\n'); // one group per file
    const args = ['--sp-file', cocci, '--file-groups', list, '--jobs', String(ctx.jobs), '--no-includes', '--no-show-diff', '--very-quiet', '--timeout', '120'];
    const m = measure({ cmd: 'spatch', args, cwd: ctx.tree });
    const calls = m.stdout.split('\n').filter((l) => l.startsWith('CALL\t')).length;
    const note = `run on the ${ctx.candidates.length} files rg found, not the whole tree; no separate warm-up (the files are warm from rg and irqlens)`;
    return { name, ...m, result: `${calls} calls in ${ctx.candidates.length} files`, note };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
