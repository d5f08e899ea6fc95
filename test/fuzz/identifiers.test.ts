// Fuzz face 5: hostile identifiers, file names and mail subjects through every text face. The
// escaping itself is checked on any string; then check, facts, simulate and review are run on a
// small tree whose names carry generated control characters: no raw control character reaches
// their output, and JSON output decodes back to the real name.
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import { escapeControls } from '../../src/protocol/display-text';
import { params, secondsFor, seed, Tally } from './budget';

const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const nasty = fc.stringMatching(/^[\u0001-\u001f\u007f-\u009f\u202a-\u202e a-z]{1,12}$/);

test('fuzz escapeControls: nothing unsafe survives, and inside JSON it decodes to the same text', (t) => {
  const tally = new Tally('escape', t);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      tally.run('string', 1000, () => {
        const out = escapeControls(s);
        if (unsafe.test(out)) tally.silent(`unsafe character survived in ${JSON.stringify(s)}`);
        if (JSON.parse(escapeControls(JSON.stringify(s))) !== s) tally.silent(`JSON changed: ${JSON.stringify(s)}`);
      });
    }),
    { ...params('identifiers'), interruptAfterTimeLimit: secondsFor('identifiers') * 200 },
  );
  tally.report(t);
});

async function run(argv: string[], cwd: string): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  await main(argv, { stdout: (x) => void (out += x), stderr: (x) => void (err += x), cwd, interactive: false });
  return { out, err };
}

test('fuzz text faces: hostile file names, identifiers and subjects through check, facts, simulate and review', async (t) => {
  const tally = new Tally('text faces', t);
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-fuzz-names-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const deadline = Date.now() + secondsFor('identifiers') * 800;
  const cases = fc.sample(
    fc.tuple(
      nasty.filter((s) => !s.includes('/') && s !== '.' && s !== '..'),
      nasty,
      nasty,
    ),
    { seed, numRuns: 200 },
  );
  for (const [k, [name, ident, subject]] of cases.entries()) {
    if (Date.now() > deadline) break;
    const tree = join(dir, `t${k}`);
    mkdirSync(join(tree, 'drivers/foo'), { recursive: true });
    const file = `${name.replace(/\u0000/g, '')}.c`;
    const fn = `foo_${ident}_probe`;
    writeFileSync(
      join(tree, 'drivers/foo', file),
      `#include <linux/pci.h>\nstatic int ${fn}(struct pci_dev *pdev)\n{\n\tpci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n\treturn pci_enable_msi(pdev);\n}\n`,
    );
    writeFileSync(join(tree, 'drivers/foo/a.c'), '#include <linux/pci.h>\n');
    const mail = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: ${subject} <a@example.org>\nSubject: [PATCH] ${subject}\n\nm\n---\n--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@ -1 +1,2 @@\n #include <linux/pci.h>\n+int ${ident};\n`;
    writeFileSync(join(dir, `p${k}.mbox`), mail);
    for (const argv of [
      ['check', `t${k}`, '--jobs', '0'],
      ['facts', `t${k}`, '--jobs', '0'],
      ['simulate', `t${k}`, '--device', 'pdev'],
      ['review', '--tree', `t${k}`, '--mbox', `p${k}.mbox`, '--jobs', '0'],
      ['check', `t${k}`, '--jobs', '0', '--format', 'json'],
    ]) {
      await tally.runAsync(`${argv[0]} ${JSON.stringify([name, ident, subject])}`, 10_000, async () => {
        const r = await run(argv, dir);
        if (unsafe.test(r.out) || unsafe.test(r.err))
          tally.silent(`${argv.join(' ')} printed a raw control character for ${JSON.stringify([name, ident, subject])}`);
        if (argv.includes('json')) JSON.parse(r.out);
      });
    }
  }
  tally.report(t);
});
