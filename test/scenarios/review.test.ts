// Runs every review scenario under test/scenarios/review/: reviews its series (series/ directory or
// series.mbx) against its tree/ and compares per-patch and cumulative results with expect.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultEngine } from '../../src/review/default-engine';
import { reviewSeries } from '../../src/review/review';
import { readSeriesFiles } from '../../src/review/series';
import type { PatchReview, ReviewResult } from '../../src/review/types';
import type { Layout } from '../../src/vocabulary/layout';

const root = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'review');

interface Expected {
  layout?: Layout;
  patches: Summary[];
  cumulative: Summary;
}

interface Summary {
  introduced: string[];
  fixed: string[];
  mapChanges?: string[];
  era?: string;
  problems?: string[];
}

function summarise(r: Omit<PatchReview, 'patch'>, withPatchLine: boolean): Summary {
  const line = (kind: string) =>
    r.findings
      .filter((f) => f.kind === kind)
      .map(
        (f) =>
          `${f.finding.code} ${f.finding.severity} ${f.finding.file}:${f.finding.range.line}${withPatchLine && f.patchLine !== undefined ? ` @${f.patchLine}` : ''}${f.patchIndex !== undefined && !withPatchLine ? ` #${f.patchIndex}` : ''}`,
      )
      .sort();
  const s: Summary = { introduced: line('introduced'), fixed: line('fixed') };
  if (r.mapChanges.length) s.mapChanges = r.mapChanges.map((c) => c.text);
  if (r.eraBefore.label !== r.eraAfter.label) s.era = `${r.eraBefore.era} -> ${r.eraAfter.era}`;
  if (r.problems.length) s.problems = r.problems;
  return s;
}

async function review(dir: string, layout: Layout | undefined): Promise<ReviewResult> {
  const input = existsSync(join(dir, 'series.mbx')) ? 'series.mbx' : 'series';
  const patches = await readSeriesFiles([input], dir);
  const engine = defaultEngine({ check: { layout: layout ?? 'auto' }, jobs: 0 });
  return reviewSeries({ tree: 'tree', cwd: dir, patches, engine });
}

const scenarios = readdirSync(root)
  .filter((n) => /^\d\d-/.test(n))
  .sort();

test('there are at least 15 review scenarios', () => assert.ok(scenarios.length >= 15, String(scenarios.length)));

for (const name of scenarios) {
  test(`review scenario ${name}`, async () => {
    const dir = join(root, name);
    const expected = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as Expected;
    const result = await review(dir, expected.layout);
    const actual = { patches: result.patches.map((p) => summarise(p, true)), cumulative: summarise(result.cumulative, false) };
    if (process.env['IRQLENS_SHOW_ACTUAL']) console.log(name, JSON.stringify(actual, null, 2));
    assert.deepEqual(actual, { patches: expected.patches, cumulative: expected.cumulative });
  });
}
