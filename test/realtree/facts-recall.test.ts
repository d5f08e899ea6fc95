// Real-tree proof: `irqlens facts` on Debian's 6.12, 6.1 and 7.3 kernel trees against the committed
// ground truth (data/ground-truth-TAG.tsv: lexical-calls.ts + manual review, see
// docs/realtree-recall.md). Required: recall >= 99.5% and no fact that is not a real call. Calls are
// matched by file, function, API and order within the function, never by line, so a Debian point
// release that moves code keeps the suite green; each change that breaks an expectation is named
// in one line. IRQLENS_SKIP_REALTREE=1 skips it; without the trees it fails and says how to get them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { numberSites, readTruth, siteKey, type Site } from './ground-truth';
import { realTrees, requireTree, skipRealTrees, treeVersion } from './kernel-trees';

const packageRoot = join(__dirname, '..', '..', '..');

interface JsonFact {
  file: string;
  line: number;
  api: string;
  function: string;
}

function runFacts(tree: string): { era: { era: string }; facts: JsonFact[] } {
  const cli = join(packageRoot, 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'facts', '--format', 'json', '.'], { cwd: tree, encoding: 'utf8', maxBuffer: 512 << 20, timeout: 300_000 });
  assert.equal(r.status, 0, `irqlens facts failed in ${tree}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { era: { era: string }; facts: JsonFact[] };
}

/** The sites of `a` whose key `b` does not hold. */
function minus(a: Site[], b: Site[]): Site[] {
  const keys = new Set(b.map(siteKey));
  return a.filter((s) => !keys.has(siteKey(s)));
}

const where = (s: Site): string => `${s.file}: ${s.function || '(file scope)'}(): ${s.api} call #${s.ordinal}`;

for (const { tag, era } of realTrees) {
  test(`irqlens facts on the ${tag} tree: recall >= 99.5%, every fact a real call`, { skip: skipRealTrees, timeout: 300_000 }, (t) => {
    const tree = requireTree(tag);
    const truth = readTruth(tag);
    const version = treeVersion(tree);
    const names = new Set(truth.names);
    const out = runFacts(tree);
    assert.equal(out.era.era, era);
    const found = numberSites(out.facts.filter((f) => names.has(f.api)).map((f) => ({ file: f.file, function: f.function, api: f.api, line: f.line })));
    const notCalls = minus(found, truth.sites);
    const missed = minus(truth.sites, found);
    const recall = (truth.sites.length - missed.length) / truth.sites.length;
    const moved = found.length - notCalls.length - truth.sites.filter((s) => found.some((f) => siteKey(f) === siteKey(s) && f.line === s.line)).length;
    t.diagnostic(
      `linux-source-${tag} is ${version} (ground truth measured on ${truth.measuredOn}): ${found.length} facts, ${truth.sites.length} calls in the ground truth, recall ${(recall * 100).toFixed(2)}%, ${moved} calls on other lines than when measured`,
    );
    for (const s of missed) t.diagnostic(`changed in ${version}: no call at ${where(s)} (line ${s.line} in ${truth.measuredOn})`);
    for (const s of notCalls) t.diagnostic(`changed in ${version}: a fact the ground truth does not hold at ${where(s)}, line ${s.line}`);
    assert.deepEqual(notCalls.map(where), [], 'facts that the reviewed ground truth does not hold as calls');
    assert.ok(recall >= 0.995, `recall ${(recall * 100).toFixed(2)}% < 99.5%; missed: ${missed.map(where).join(', ')}`);
  });
}
