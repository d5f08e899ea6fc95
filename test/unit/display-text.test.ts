// Raw terminal escapes from identifiers, file names and mail subjects never reach a text face
// (issue 15): check, facts, simulate and review print them as visible \uXXXX; JSON stays valid and
// decodes to the original name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { escapeControls } from '../../src/protocol/display-text';

const ESC = '\u001b';
const hostile = `${ESC}c${ESC}[31m\r\u009b\u202e`;

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, interactive: false });
  return { code, out, err };
}

/** No C0 control but TAB and LF, no DEL or C1 control, no bidi override. */
function assertClean(text: string, what: string): void {
  assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, what);
}

test('escapeControls: controls, DEL, C1 and bidi overrides become visible \\uXXXX; TAB, LF and text stay', () => {
  assert.equal(escapeControls(`a\tb\n${hostile}é`), 'a\tb\n\\u001bc\\u001b[31m\\u000d\\u009b\\u202eé');
  assert.equal(JSON.parse(`"${escapeControls('\u009b\u202e')}"`), '\u009b\u202e', 'a valid JSON escape of the same text');
});

test('check, facts, simulate and review print hostile file names, identifiers and subjects escaped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'irqlens-escape-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const name = `x${hostile}.c`;
  mkdirSync(join(dir, 'tree/drivers/foo'), { recursive: true });
  const driver = (fn: string) =>
    `#include <linux/pci.h>\nstatic int ${fn}(struct pci_dev *pdev)\n{\n\tpci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX);\n\treturn pci_enable_msi(pdev);\n}\n`;
  writeFileSync(join(dir, 'tree/drivers/foo', name), driver('foo_probe'));
  writeFileSync(join(dir, 'tree/drivers/foo/a.c'), '#include <linux/pci.h>\n');
  const check = await run(['check', 'tree', '--jobs', '0'], dir);
  assert.match(check.out, /^tree\/drivers\/foo\/x\\u001bc\\u001b\[31m\\u000d\\u009b\\u202e\.c:5:\d+: error: /m);
  const facts = await run(['facts', 'tree', '--jobs', '0'], dir);
  assert.match(facts.out, /x\\u001bc\\u001b\[31m/);
  const simulate = await run(['simulate', 'tree', '--device', 'pdev'], dir);
  const json = await run(['check', 'tree', '--jobs', '0', '--format', 'json'], dir);
  assert.equal((JSON.parse(json.out) as { findings: { file: string }[] }).findings[0]!.file, `tree/drivers/foo/${name}`, 'JSON decodes to the real name');
  const patch = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH] foo: ${hostile} subject\n\nm\n---\n--- a/drivers/foo/a.c\n+++ b/drivers/foo/a.c\n@@ -1 +1,6 @@\n #include <linux/pci.h>\n${driver(
    `bar${ESC}c_probe`,
  )
    .split('\n')
    .slice(1, -1)
    .map((l) => `+${l}`)
    .join('\n')}\n`;
  writeFileSync(join(dir, 'p.mbox'), patch);
  const review = await run(['review', '--tree', 'tree', '--mbox', 'p.mbox', '--jobs', '0'], dir);
  assert.match(review.out, /^\[1\/1\] foo: \\u001bc\\u001b\[31m \\u009b\\u202e subject \(p\.mbox\)\n/);
  for (const [what, r] of Object.entries({ check, facts, simulate, json, review })) {
    assertClean(r.out, `${what} stdout`);
    assertClean(r.err, `${what} stderr`);
  }
});
