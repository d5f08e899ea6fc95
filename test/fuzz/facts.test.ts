// Fuzz face 1: mutants of C (the scenario snippets and, when the Debian 6.12 tree is there, a few
// real MSI files) through the facts layer and the check. Never a crash, an input that takes more
// than seconds, a malformed problem, or an "internal error".
import { test, before } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkTree } from '../../src/engine/check-tree';
import { defaultEra, extractFileFacts, initParser } from '../../src/facts/index';
import type { FileFacts } from '../../src/facts/types';
import { mutantOf, params, Tally } from './budget';

const repo = join(__dirname, '..', '..', '..');
const scenarioDir = join(repo, 'test', 'scenarios', 'c');
const kernel = join(process.env['KERNEL_SRC_DIR'] || join(homedir(), '.cache', 'kernel-src'), 'linux-source-6.12');
/** Real files that call the MSI API, 8 to 60 kB. */
const realFiles = [
  'drivers/pci/msi/api.c',
  'drivers/vfio/pci/vfio_pci_intrs.c',
  'drivers/misc/pci_endpoint_test.c',
  'drivers/crypto/ccp/sp-pci.c',
  'drivers/dma/idxd/init.c',
  'drivers/infiniband/hw/hfi1/msix.c',
  'drivers/net/ethernet/intel/ice/ice_irq.c',
];

before(() => initParser());

/** What a well-formed result looks like: problems on real lines, none an internal error. */
function malformed(f: FileFacts, lines: number): string | undefined {
  for (const p of f.problems) {
    if (!(p.line >= 1 && p.line <= lines + 1 && p.column >= 1)) return `problem at ${p.line}:${p.column} of a ${lines}-line text: ${p.message}`;
    if (/internal error/i.test(p.message)) return p.message;
  }
  for (const x of f.facts) if (!(x.range.line >= 1 && x.range.line <= lines + 1)) return `fact ${x.api} at line ${x.range.line}`;
  return undefined;
}

test('fuzz facts and check: mutants of C snippets and real MSI files', (t) => {
  const seeds = readdirSync(scenarioDir)
    .filter((n) => n.endsWith('.c'))
    .sort()
    .map((n) => readFileSync(join(scenarioDir, n), 'utf8'));
  const real = realFiles.map((f) => join(kernel, f)).filter((p) => existsSync(p));
  if (real.length === 0) t.diagnostic(`no kernel tree at ${kernel}: real-file seeds skipped`);
  seeds.push(...real.map((p) => readFileSync(p, 'utf8')));
  const tally = new Tally('facts+check', t);
  fc.assert(
    fc.property(mutantOf(seeds), ({ seedIndex, text }) => {
      const what = `seed ${seedIndex}, ${text.length} chars`;
      tally.run(what, 5000, () => {
        const facts = extractFileFacts({ file: 'fz.c', text, era: defaultEra });
        const bad = malformed(facts, text.split('\n').length);
        if (bad) tally.silent(`${what}: ${bad}`);
        checkTree({ tree: '.', era: defaultEra, files: [facts] }, { layout: 'auto' });
      });
    }),
    params('facts'),
  );
  tally.report(t);
});
