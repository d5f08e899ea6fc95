// `irqlens check` over Debian's full 6.12 and 6.1 trees: the findings per rule and severity must
// equal the table committed in docs/real-tree-findings.md, and no finding may be an error there
// unless the document explains it. IRQLENS_SKIP_REALTREE=1 skips it; without the trees it fails
// and says how to get them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkPaths } from '../../src/check/index';

const kernelBase = process.env['KERNEL_SRC_DIR'] || join(homedir(), '.cache', 'kernel-src');
const skip = process.env['IRQLENS_SKIP_REALTREE'] === '1';
const repo = [join(__dirname, '..', '..', '..'), process.cwd()].find((d) => existsSync(join(d, 'docs', 'real-tree-findings.md')))!;

/** The counts table of the document: "rule severity" -> [6.12, 6.1]. */
function expectedCounts(): Map<string, [number, number]> {
  const text = readFileSync(join(repo, 'docs', 'real-tree-findings.md'), 'utf8');
  const out = new Map<string, [number, number]>();
  for (const line of text.split('\n')) {
    const m = /^\|\s*((?:msi|attr)\/[a-z-]+)\s*\|\s*(error|warning|info)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|$/.exec(line);
    if (m) out.set(`${m[1]} ${m[2]}`, [Number(m[3]), Number(m[4])]);
  }
  return out;
}

for (const [version, column] of [['6.12', 0], ['6.1', 1]] as const) {
  test(`irqlens check on linux-source-${version} matches docs/real-tree-findings.md`, { skip: skip && 'IRQLENS_SKIP_REALTREE=1', timeout: 900_000 }, async () => {
    const tree = join(kernelBase, `linux-source-${version}`);
    if (!existsSync(tree)) assert.fail(`kernel tree ${tree} is missing: run scripts/get-kernel.sh (or set IRQLENS_SKIP_REALTREE=1 to skip)`);
    const result = await checkPaths(['.'], { cwd: tree, layout: 'auto' });
    const got = new Map<string, number>();
    for (const f of result.findings) got.set(`${f.code} ${f.severity}`, (got.get(`${f.code} ${f.severity}`) ?? 0) + 1);
    const want = new Map([...expectedCounts()].map(([k, v]) => [k, v[column]] as const).filter(([, n]) => n > 0));
    const show = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
    assert.deepEqual(show(got), show(want), result.findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.range.line}: ${f.message}`).join('\n'));
  });
}
