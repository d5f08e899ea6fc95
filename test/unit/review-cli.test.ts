import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { defaultEngine } from '../../src/review/default-engine';
import { findingsOnPatchFile } from '../../src/review/patch-file';

const scenarios = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'review');

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, interactive: false });
  return { code, out, err };
}

test('review text: one paste-ready block, post-image file:line, code, exit 1 on an introduced error', async () => {
  const dir = join(scenarios, '04-msi-after-msix');
  const r = await run(['review', '--tree', 'tree', '--patch', 'series'], dir);
  assert.equal(r.code, 1);
  const lines = r.out.split('\n');
  assert.equal(lines[0], '[1/1] foo: enable MSI too (series/0001-foo-enable-MSI-too.patch)');
  assert.equal(lines[1], 'Introduces:');
  assert.match(
    lines[2],
    /^ {2}tree\/drivers\/misc\/foo\/foo\.c:13: error: pci_enable_msi\(\) on 'pdev': can't enable MSI \(MSI-X already enabled\) \(-EINVAL\); MSI-X was enabled by pci_alloc_irq_vectors\(\) at foo\.c:10 .*\[msi\/msi-msix-exclusive\]$/,
  );
  assert.match(lines[3], /^ {2}tree\/drivers\/misc\/foo\/foo\.c:15: error: .*\[msi\/leak\]$/);
  assert.equal((await run(['review', '--tree', 'tree', '--patch', 'series', '--fail-on', 'never'], dir)).code, 0);
});

test('a patch that changes nothing MSI-related says so and exits 0', async () => {
  const r = await run(['review', '--tree', 'tree', '--patch', 'series'], join(scenarios, '03-move-only'));
  assert.equal(r.code, 0);
  assert.equal(r.out, '[1/1] foo: define remove before probe (series/0001-foo-define-remove-before-probe.patch)\nNo change in MSI findings or allocations.\n');
});

test('review sarif: introduced results are "new" with a second location on the patch line', async () => {
  const r = await run(['review', '--tree', 'tree', '--mbox', 'series.mbx', '--format', 'sarif'], join(scenarios, '16-two-drivers-one-series'));
  const log = JSON.parse(r.out) as {
    runs: {
      results: {
        ruleId: string;
        baselineState: string;
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      }[];
    }[];
  };
  const results = log.runs[0].results.map((x) => [
    x.ruleId,
    x.baselineState,
    x.locations.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`).join(' '),
  ]);
  assert.deepEqual(results, [
    ['msi/msi-msix-exclusive', 'new', 'tree/drivers/misc/foo/foo.c:13 series.mbx:50'],
    ['msi/leak', 'new', 'tree/drivers/misc/foo/foo.c:15 series.mbx:52'],
    ['msi/vector-unallocated', 'absent', 'tree/drivers/misc/bar/bar.c:13 series.mbx:21'],
  ]);
});

test('bad input: a hunk with wrong counts exits 2 naming the patch file and line; exactly one input is required', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-review-'));
  try {
    writeFileSync(join(dir, 'bad.patch'), '--- a/x.c\n+++ b/x.c\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n');
    const r = await run(['review', '--tree', '.', '--patch', 'bad.patch'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'irqlens review: bad.patch:6: hunk "@@ -1,3 +1,3 @@" at line 3 declares 3 old and 3 new lines but ends after 2 old and 2 new lines\n');
    const both = await run(['review', '--tree', '.', '--patch', 'bad.patch', '--git', 'a..b'], dir);
    assert.equal(both.code, 2);
    assert.match(both.err, /give exactly one of --patch, --mbox or --git/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--git A..B reviews the commits of a range like the same patches given as files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-review-git-'));
  try {
    const src = join(scenarios, '16-two-drivers-one-series');
    cpSync(join(src, 'tree'), dir, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, '-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'core.hooksPath=/dev/null', ...args], { encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('am', '-q', join(src, 'series.mbx'));
    const viaGit = await run(['review', '--tree', '.', '--git', 'HEAD~2..HEAD', '--format', 'json'], dir);
    const viaMbox = await run(['review', '--tree', 'tree', '--mbox', 'series.mbx', '--format', 'json'], src);
    const codes = (out: string) =>
      (JSON.parse(out) as { cumulative: { findings: { kind: string; finding: { code: string; range: { line: number } } }[] } }).cumulative.findings.map(
        (f) => `${f.kind} ${f.finding.code} ${f.finding.range.line}`,
      );
    assert.deepEqual(codes(viaGit.out), codes(viaMbox.out));
    assert.equal(viaGit.code, 1);
    const unsafe = await run(['review', '--tree', '.', '--git', '--output=/tmp/x..HEAD'], dir);
    assert.equal(unsafe.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('findingsOnPatchFile puts introduced findings on the + line of the open patch, related to the post-image', async () => {
  const dir = join(scenarios, '01-introduce-vector-lookup');
  const patchPath = 'series/0001-foo-look-up-vector-9.patch';
  const text = readFileSync(join(dir, patchPath), 'utf8');
  const r = await findingsOnPatchFile(text, patchPath, 'tree', { cwd: dir, engine: defaultEngine({ check: { layout: 'auto' }, jobs: 0 }) });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.findings.map((f) => [f.code, f.file, f.range.line, f.related[0].file, f.related[0].range.line]),
    [['msi/vector-unallocated', patchPath, 21, 'tree/drivers/misc/foo/foo.c', 13]],
  );
  assert.equal(text.split('\n')[20], '+\tret = pci_irq_vector(pdev, 9);');
});

test('a series already applied to the tree is reviewed against the tree with it reverted', async () => {
  const src = join(scenarios, '01-introduce-vector-lookup');
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-review-applied-'));
  try {
    cpSync(join(src, 'tree'), join(dir, 'tree'), { recursive: true });
    const patchPath = 'series/0001-foo-look-up-vector-9.patch';
    execFileSync('patch', ['-s', '-p1', '-d', join(dir, 'tree'), '-i', join(src, patchPath)]);
    const text = readFileSync(join(src, patchPath), 'utf8');
    const r = await findingsOnPatchFile(text, patchPath, 'tree', { cwd: dir, engine: defaultEngine({ check: { layout: 'auto' }, jobs: 0 }) });
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.range.line]),
      [['msi/vector-unallocated', 21]],
    );
    assert.deepEqual(r.problems, ['the tree already contains this series: it was reviewed against the tree with the series reverted in memory']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('findingsOnPatchFile: findings a header change causes in untouched files are capped per rule, the rest counted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-review-cap-'));
  try {
    const src = join(scenarios, '09-domain-id-added-to-msi-api', 'tree');
    cpSync(join(src, 'include'), join(dir, 'tree', 'include'), { recursive: true });
    const driver = readFileSync(join(src, 'drivers', 'misc', 'foo', 'foo.c'), 'utf8');
    for (let k = 0; k < 12; k++) cpSync(join(src, 'drivers', 'misc', 'foo', 'foo.c'), join(dir, 'tree', 'drivers', `d${k}`, 'd.c'));
    assert.ok(driver.includes('msi_create_device_irq_domain(&pdev->dev, 1,'));
    const patchPath = 'p.patch';
    const text = readFileSync(join(scenarios, '09-domain-id-added-to-msi-api', 'series', '0001-genirq-msi-add-a-secondary-device-domain.patch'), 'utf8');
    const r = await findingsOnPatchFile(text, patchPath, 'tree', { cwd: dir, engine: defaultEngine({ check: { layout: 'auto' }, jobs: 0 }) });
    assert.deepEqual(r.findings, []); // the patch only fixes: nothing introduced
    const reversed = text.replace('+\tMSI_SECONDARY_DOMAIN,', '-\tMSI_SECONDARY_DOMAIN,').replace('@@ -2,6 +2,7 @@', '@@ -2,7 +2,6 @@');
    const tree2 = join(dir, 'tree', 'include', 'linux', 'msi_api.h');
    writeFileSync(tree2, readFileSync(tree2, 'utf8').replace('\tMSI_DEFAULT_DOMAIN,\n', '\tMSI_DEFAULT_DOMAIN,\n\tMSI_SECONDARY_DOMAIN,\n'));
    const back = await findingsOnPatchFile(reversed, patchPath, 'tree', { cwd: dir, engine: defaultEngine({ check: { layout: 'auto' }, jobs: 0 }) });
    assert.equal(back.findings.length, 10);
    assert.ok(back.findings.every((f) => f.code === 'msi/domain-id-invalid' && f.file === patchPath && f.range.line === 17));
    assert.deepEqual(back.problems, ['2 more msi/domain-id-invalid findings in files this patch does not touch (`irqlens review` lists them all)']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
