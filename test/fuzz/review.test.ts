// Fuzz face 2: mutants of the review scenarios' patches (plain diffs and mails) read and applied to
// their trees. Never a crash; bad input is a PatchError or a problem naming the patch file and a
// line; a patch read without error has a diff or says what it could not read; and nothing outside
// the tree is ever read (the tree reader records every path asked for).
import { test } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyToOverlay, placeInTree } from '../../src/review/apply';
import { defaultEngine } from '../../src/review/default-engine';
import { reviewSeries } from '../../src/review/review';
import { diskTree, namedOutsideTree, Overlay, type TreeReader } from '../../src/review/overlay';
import { scanScope } from '../../src/review/scan-scope';
import { parsePatchText } from '../../src/review/series';
import { PatchError, type ParsedPatch } from '../../src/review/types';
import { mutantOf, params, secondsFor, Tally } from './budget';

const scenarios = join(__dirname, '..', '..', '..', 'test', 'scenarios', 'review');

/** The tree's reader, recording every path whose content (or directory) it returned. */
function spied(root: string, read: string[]): TreeReader {
  const disk = diskTree(root);
  return {
    read: (p) => {
      const text = disk.read(p);
      if (text !== undefined) read.push(p);
      return text;
    },
    refusal: (p) => disk.refusal?.(p),
    hasDirectory: (p) => {
      const has = disk.hasDirectory?.(p) ?? false;
      if (has) read.push(p);
      return has;
    },
  };
}

function fixtures(): { seeds: string[]; trees: string[] } {
  const seeds: string[] = [];
  const trees: string[] = [];
  for (const d of readdirSync(scenarios)
    .filter((x) => /^\d\d-/.test(x) && existsSync(join(scenarios, x, 'series')))
    .sort()) {
    for (const n of readdirSync(join(scenarios, d, 'series')).sort()) {
      seeds.push(readFileSync(join(scenarios, d, 'series', n), 'utf8'));
      trees.push(join(scenarios, d, 'tree'));
    }
  }
  return { seeds, trees };
}

/** The patches of a mutant, or undefined when it is refused as it should be: a PatchError on one of its lines. */
async function readMutant(text: string, what: string, tally: Tally): Promise<ParsedPatch[] | undefined> {
  try {
    return await parsePatchText(text, 'fz.patch');
  } catch (err) {
    if (!(err instanceof PatchError)) throw err;
    if (!(err.line >= 1 && err.line <= text.split('\n').length + 1)) tally.silent(`${what}: PatchError at line ${err.line}`);
    return undefined;
  }
}

const located = (source: string) => new RegExp(`^${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `);

test('fuzz review: mutants of patch and mail fixtures', async (t) => {
  const { seeds, trees } = fixtures();
  const tally = new Tally('review', t);
  await fc.assert(
    fc.asyncProperty(mutantOf(seeds), async ({ seedIndex, text }) => {
      const what = `seed ${seedIndex}, ${text.length} chars`;
      await tally.runAsync(what, 5000, async () => {
        const patches = await readMutant(text, what, tally);
        if (!patches) return;
        const asked: string[] = [];
        const tree = spied(trees[seedIndex]!, asked);
        for (const p of patches) {
          if (p.files.length === 0 && (p.unread ?? []).length === 0) tally.silent(`${what}: patch ${p.index} read without a diff and without a word`);
          const placed = placeInTree(tree, p);
          const out = applyToOverlay(new Overlay(tree), placed);
          for (const m of [...out.problems, ...out.notes, ...(p.unread ?? [])])
            if (!located('fz.patch').test(m)) tally.silent(`${what}: message without file:line: ${m}`);
        }
        asked.push(...(scanScope(trees[seedIndex]!, patches) ?? []));
        const outside = asked.filter(namedOutsideTree);
        if (outside.length > 0) tally.silent(`${what}: read outside the tree: ${outside[0]}`);
      });
    }),
    params('review'),
  );
  tally.report(t);
});

test('fuzz review end to end: mutated patches reviewed against their trees by the real engine', async (t) => {
  const { seeds, trees } = fixtures();
  const engine = defaultEngine({ check: { layout: 'auto' }, jobs: 0 });
  const tally = new Tally('review end to end', t);
  await fc.assert(
    fc.asyncProperty(mutantOf(seeds), async ({ seedIndex, text }) => {
      const what = `seed ${seedIndex}, ${text.length} chars`;
      await tally.runAsync(what, 10_000, async () => {
        const patches = await readMutant(text, what, tally);
        if (!patches) return;
        const result = await reviewSeries({ tree: trees[seedIndex]!, cwd: scenarios, patches, engine });
        for (const p of result.patches) for (const m of p.problems) if (/internal error/i.test(m)) tally.crashes.push(`${what}: ${m}`);
      });
    }),
    { ...params('review'), interruptAfterTimeLimit: secondsFor('review') * 400 },
  );
  tally.report(t);
});
