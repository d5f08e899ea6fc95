// Real-tree proof: `irqlens facts` on Debian's 6.12 and 6.1 kernel trees against the committed
// ground truth (data/ground-truth-TAG.tsv: lexical-calls.ts + manual review, see
// docs/realtree-recall.md). Required: recall >= 99.5% and no fact that is not a real call.
// IRQLENS_SKIP_REALTREE=1 skips it; without the trees it fails and says how to get them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readTruth, rowKey, type TruthRow } from './ground-truth';

const packageRoot = join(__dirname, '..', '..', '..');
const kernelBase = process.env['KERNEL_SRC_DIR'] || join(homedir(), '.cache', 'kernel-src');
const skip = process.env['IRQLENS_SKIP_REALTREE'] === '1';

const trees = [
  { tag: '6.12', era: 'per-domain' },
  { tag: '6.1', era: 'xarray' },
];

interface JsonFact {
  file: string;
  line: number;
  api: string;
}

function runFacts(tree: string): { era: { era: string }; facts: JsonFact[] } {
  const cli = join(packageRoot, 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'facts', '--format', 'json', '.'], { cwd: tree, encoding: 'utf8', maxBuffer: 512 << 20, timeout: 300_000 });
  assert.equal(r.status, 0, `irqlens facts failed in ${tree}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { era: { era: string }; facts: JsonFact[] };
}

/** Multiset difference a - b over file:line:api keys. */
function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(k);
  }
  return out;
}

for (const { tag, era } of trees) {
  test(`irqlens facts on the ${tag} tree: recall >= 99.5%, every fact a real call`, { skip, timeout: 300_000 }, (t) => {
    const tree = join(kernelBase, `linux-source-${tag}`);
    if (!existsSync(join(tree, 'include', 'linux', 'msi.h'))) {
      assert.fail(`kernel tree ${tree} is missing: run scripts/get-kernel.sh (or set IRQLENS_SKIP_REALTREE=1 to skip)`);
    }
    const truth = readTruth(tag);
    const names = new Set(truth.names);
    const out = runFacts(tree);
    assert.equal(out.era.era, era);
    const found = out.facts.filter((f) => names.has(f.api)).map((f) => rowKey(f as TruthRow));
    const expected = truth.rows.map(rowKey);
    const notCalls = minus(found, expected);
    const missed = minus(expected, found);
    const recall = (expected.length - missed.length) / expected.length;
    t.diagnostic(`${tag}: ${found.length} facts, ${expected.length} calls in the ground truth, recall ${(recall * 100).toFixed(2)}%, missed: ${missed.join(', ') || 'none'}`);
    assert.deepEqual(notCalls, [], 'facts that the reviewed ground truth does not hold as calls');
    assert.ok(recall >= 0.995, `recall ${(recall * 100).toFixed(2)}% < 99.5%; missed: ${missed.join(', ')}`);
  });
}
