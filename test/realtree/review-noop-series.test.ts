// On real 6.12 drivers: a series of edits that change no MSI behaviour (a comment line inserted before
// the first MSI allocation of 30 drivers, which moves every later line) must review as "no change",
// and a one-character off-by-one must give exactly one error. Skipped with IRQLENS_SKIP_REALTREE=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { defaultEngine } from '../../src/review/default-engine';
import { reviewSeries } from '../../src/review/review';
import { parsePlainDiff } from '../../src/review/series';
import type { ParsedPatch } from '../../src/review/types';
import { requireTree, skipRealTrees } from './kernel-trees';

const skip = skipRealTrees;
const tree = skip ? '' : requireTree('6.12');

function series(): ParsedPatch[] {
  const files = execFileSync('grep', ['-rlw', '--include=*.c', 'pci_alloc_irq_vectors', 'drivers'], { cwd: tree, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort();
  const out: ParsedPatch[] = [];
  for (const f of files) {
    if (out.length === 30) break;
    const text = readFileSync(join(tree, f), 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /\bpci_alloc_irq_vectors\s*\(/.test(l) && /^\s*[A-Za-z_]/.test(l)); // a statement, not a comment
    if (at < 0) continue;
    lines.splice(at, 0, '\t/* reviewed */');
    out.push(parsePlainDiff(createTwoFilesPatch(`a/${f}`, `b/${f}`, text, lines.join('\n')), `${out.length + 1}.patch`, out.length + 1));
  }
  return out;
}

test('30 comment-only patches on real drivers: no finding introduced or fixed', { skip, timeout: 600_000 }, async () => {
  const patches = series();
  assert.equal(patches.length, 30);
  const result = await reviewSeries({ tree: '.', cwd: tree, patches, engine: defaultEngine({ check: { layout: 'auto' }, jobs: 2 }) });
  const changed = result.patches.flatMap((p) =>
    p.findings.filter((f) => f.kind !== 'unchanged').map((f) => `${p.patch.source}: ${f.kind} ${f.finding.code} ${f.finding.file}:${f.finding.range.line}`),
  );
  assert.deepEqual(changed, []);
  assert.deepEqual(
    result.patches.flatMap((p) => p.problems),
    [],
  );
  assert.deepEqual(
    result.cumulative.findings.filter((f) => f.kind !== 'unchanged'),
    [],
  );
  assert.ok(result.cumulative.findings.length > 0, 'the drivers have findings, so the matching was exercised');
});

test('an off-by-one on a real driver: exactly one error, on the + line', { skip, timeout: 600_000 }, async () => {
  const f = 'drivers/net/ethernet/freescale/enetc/enetc_ptp.c';
  const text = readFileSync(join(tree, f), 'utf8');
  const from = 'ptp_qoriq->irq = pci_irq_vector(pdev, 0);';
  assert.ok(text.includes(from), `${f} changed: pick another driver`);
  const patchText = createTwoFilesPatch(`a/${f}`, `b/${f}`, text, text.replace(from, from.replace('0)', '1)')));
  const patch = parsePlainDiff(patchText, 'off-by-one.patch', 1);
  const result = await reviewSeries({ tree: '.', cwd: tree, patches: [patch], engine: defaultEngine({ check: { layout: 'auto' }, jobs: 1 }) });
  const changed = result.patches[0].findings.filter((x) => x.kind !== 'unchanged');
  assert.deepEqual(
    changed.map((x) => [x.kind, x.finding.code, x.finding.severity, `${x.finding.file}:${x.finding.range.line}`]),
    [['introduced', 'msi/vector-unallocated', 'error', `${f}:${text.split('\n').findIndex((l) => l.includes(from)) + 1}`]],
  );
  assert.equal(patchText.split('\n')[(changed[0].patchLine ?? 0) - 1], `+\t${from.replace('0)', '1)')}`);
});
