// The scenario suite: every C file under test/scenarios/c/ goes through the real engine
// (workspace scan -> facts -> replay -> findings) and must produce exactly the findings written
// at the line they concern, clang -verify style (`call();  // expect: CODE SEVERITY[, ...]`, with
// `speculative` after the severity for a finding shown only on request), or
// none when its header says `expect: none`. Header-style `expect: CODE@LINE SEVERITY` lines are
// converted by scripts/inline-expectations.mjs and rejected here. `layout: NAME` picks a layout;
// `era: 7.x|6.12|6.1` names the tree the snippet is checked against (a file outside a kernel tree
// otherwise gets the era its call signatures suggest), e.g. a series rebased from 6.12 onto 7.x.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTree } from '../../src/engine/check-tree';
import { namedEra } from '../../src/facts/era';
import type { EraInfo } from '../../src/facts/types';
import type { Layout } from '../../src/vocabulary/layout';
import { analyzeTree } from '../../src/engine/analyze-tree';

// out/test/scenarios/ -> the sources; or the current directory when run from a copy elsewhere.
const dir = [join(__dirname, '..', '..', '..', 'test', 'scenarios', 'c'), join(process.cwd(), 'test', 'scenarios', 'c')].find((d) => existsSync(d))!;

interface Expectation {
  layout: 'auto' | Layout;
  era?: EraInfo;
  findings: string[];
}

// `// expect: a, b` (or the same in a block comment) on a code line: its findings, as CODE@LINE SEVERITY.
function inlineFindings(lines: string[], headerEnd: number): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i <= headerEnd) return;
    const m = /(?:\/\/|\/\*).*?\bexpect:\s*(.+?)\s*(?:\*\/.*)?$/.exec(line);
    if (!m) return;
    for (const one of m[1]!.split(',')) {
      const [code, severity, speculative] = one.trim().split(/\s+/);
      out.push(`${code}@${i + 1} ${severity}${speculative === 'speculative' ? ' speculative' : ''}`);
    }
  });
  return out;
}

function expectations(text: string, file: string): Expectation {
  const head = /^\/\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
  const headerEnd = head.split('\n').length - 1;
  let none = false;
  let layout: Expectation['layout'] = 'auto';
  let era: EraInfo | undefined;
  for (const line of head.split('\n')) {
    const m = /^\s*\*\s*expect:\s*(.+?)\s*$/.exec(line);
    if (m) {
      assert.equal(m[1], 'none', `${file}: '${m[1]}' in the header: run node scripts/inline-expectations.mjs`);
      none = true;
    }
    const l = /^\s*\*\s*layout:\s*(\S+)/.exec(line);
    if (l) layout = l[1] as Layout;
    const e = /^\s*\*\s*era:\s*(\S+)/.exec(line);
    if (e) {
      era = namedEra(e[1]!);
      assert.ok(era, `${file}: unknown era '${e[1]}' (7.x, 6.12 or 6.1)`);
    }
  }
  const findings = inlineFindings(text.split('\n'), headerEnd);
  assert.ok(none !== findings.length > 0, `${file}: needs either 'expect: none' in its header or inline expectations`);
  return { layout, ...(era ? { era } : {}), findings: findings.sort() };
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.c'))
  .sort();

test('the suite has at least 40 scenarios, at least 15 of them finding-free', () => {
  const none = files.filter((f) => /expect: none/.test(readFileSync(join(dir, f), 'utf8')));
  assert.ok(files.length >= 40, `${files.length} scenarios`);
  assert.ok(none.length >= 15, `${none.length} finding-free scenarios`);
});

for (const file of files) {
  test(`scenario ${file}`, async () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const want = expectations(text, file);
    const tree = await analyzeTree([file], { cwd: dir, jobs: 0, ...(want.era ? { era: want.era } : {}) });
    const problems = tree.files.flatMap((f) => f.problems).filter((p) => p.severity === 'error');
    assert.deepEqual(problems, [], `${file}: the facts layer reported problems`);
    const result = checkTree(tree, { layout: want.layout, speculative: true });
    const got = result.findings.map((f) => `${f.code}@${f.range.line} ${f.severity}${f.speculative ? ' speculative' : ''}`).sort();
    assert.deepEqual(got, want.findings, `${file}:\n${result.findings.map((f) => `  ${f.range.line}: ${f.severity}: ${f.message} [${f.code}]`).join('\n')}`);
  });
}
