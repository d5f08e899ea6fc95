// Fuzz face 3: mutants of lspci dumps, sysfs listings and JSON topologies through the importer.
// Never a crash; a result without any PCI function always comes with an error saying why (no
// silent empty topology); every problem is on a line of the input.
import { test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { importTopology } from '../../src/topology/load';
import { mutantOf, params, Tally } from './budget';

const repo = join(__dirname, '..', '..', '..');

function seedTexts(): string[] {
  const lspci = join(repo, 'test', 'fixtures', 'topology', 'lspci');
  const sysfs = join(repo, 'test', 'fixtures', 'topology', 'sysfs');
  const attr = join(repo, 'test', 'scenarios', 'attr');
  return [
    ...readdirSync(lspci)
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .slice(0, 6)
      .map((n) => readFileSync(join(lspci, n), 'utf8')),
    ...readdirSync(sysfs)
      .sort()
      .map((n) => readFileSync(join(sysfs, n), 'utf8')),
    ...readdirSync(attr)
      .sort()
      .flatMap((d) => {
        try {
          return [readFileSync(join(attr, d, 'topology.json'), 'utf8')];
        } catch {
          return [];
        }
      }),
  ];
}

test('fuzz topology: mutants of lspci, sysfs and JSON topologies', (t) => {
  const seeds = seedTexts();
  const tally = new Tally('topology', t);
  fc.assert(
    fc.property(mutantOf(seeds), fc.constantFrom(undefined, 'x.json', 'x.txt'), ({ seedIndex, text }, path) => {
      const what = `seed ${seedIndex}, ${text.length} chars, ${path ?? 'text'}`;
      tally.run(what, 5000, () => {
        const { topology, problems } = importTopology({ text, ...(path ? { path } : {}) });
        const lines = text.split('\n').length;
        for (const p of problems)
          if (!(p.line >= 1 && p.line <= lines + 1 && p.column >= 1)) tally.silent(`${what}: problem at ${p.line}:${p.column}: ${p.message}`);
        if (
          topology.functions.length === 0 &&
          !problems.some((p) => p.severity === 'error') &&
          text.trim() !== '' &&
          !/^\s*\{[\s\S]*"functions"\s*:\s*\[\s*\]/.test(text)
        ) {
          tally.silent(`${what}: no PCI function and no error`);
        }
      });
    }),
    params('topology'),
  );
  tally.report(t);
});
