// `irqlens check` over Debian's full 6.12, 6.1 and 7.3 trees: the findings per rule and severity
// must equal the table committed in docs/real-tree-findings.md (which names the point release each
// column was measured on), every warning and error must be in its audited list with a verdict, and
// each sampled info of the list must still be reported (findings-list.ts). Counts do not depend on lines, so a point release that only moves code
// keeps it green; when a count changes, each rule that changed is named in one line.
// IRQLENS_SKIP_REALTREE=1 skips it; without the trees it fails and says how to get them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths } from '../../src/engine/check-paths';
import { atLeast } from '../../src/vocabulary/finding';
import { realTrees, requireTree, skipRealTrees, treeVersion } from './kernel-trees';
import { listKey, namedFindings, readListed } from './findings-list';
import { readKnownBugs } from './known-bugs';

const repo = [join(__dirname, '..', '..', '..'), process.cwd()].find((d) => existsSync(join(d, 'docs', 'real-tree-findings.md')))!;

interface CountsTable {
  /** Column tag (6.12, 6.1, 7.3) -> the version it was measured on. */
  measuredOn: Map<string, string>;
  /** "rule severity" -> count, per column tag. */
  counts: Map<string, Map<string, number>>;
}

/** The document's counts table: a header `| Rule | Severity | 6.12 (6.12.118) | ... |`, then rows. */
function expectedCounts(doc: string): CountsTable {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith('<!-- counts:'));
  const cells = (l: string): string[] =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const header = cells(lines[start + 1] ?? '').slice(2);
  const tags = header.map((h) => /^(\S+)\s+\((\S+)\)$/.exec(h));
  const table: CountsTable = { measuredOn: new Map(), counts: new Map() };
  for (const m of tags)
    if (m) {
      table.measuredOn.set(m[1]!, m[2]!);
      table.counts.set(m[1]!, new Map());
    }
  for (const line of lines.slice(start + 3)) {
    if (!line.startsWith('|')) break;
    const [rule, severity, ...numbers] = cells(line);
    numbers.forEach((n, i) => {
      const tag = tags[i]?.[1];
      if (tag && Number(n) > 0) table.counts.get(tag)!.set(`${rule} ${severity}`, Number(n));
    });
  }
  return table;
}

for (const { tag } of realTrees) {
  test(`irqlens check on linux-source-${tag} matches docs/real-tree-findings.md`, { skip: skipRealTrees, timeout: 900_000 }, async (t) => {
    const tree = requireTree(tag);
    const doc = readFileSync(join(repo, 'docs', 'real-tree-findings.md'), 'utf8');
    const table = expectedCounts(doc);
    const want = table.counts.get(tag);
    assert.ok(want, `docs/real-tree-findings.md has no counts column for ${tag}`);
    const version = treeVersion(tree);
    t.diagnostic(`linux-source-${tag} is ${version}; the table was measured on ${table.measuredOn.get(tag)}`);
    // One check with the speculative findings too: the default output is the rest (shown()).
    const all = await checkPaths(['.'], { cwd: tree, layout: 'auto', speculative: true });
    const result = { ...all, findings: all.findings.filter((f) => !f.speculative) };
    const got = new Map<string, number>();
    for (const f of result.findings) got.set(`${f.code} ${f.severity}`, (got.get(`${f.code} ${f.severity}`) ?? 0) + 1);
    for (const key of new Set([...got.keys(), ...want.keys()])) {
      if (got.get(key) !== want.get(key))
        t.diagnostic(
          `changed in ${version}: ${key}: ${got.get(key) ?? 0} findings, the table says ${want.get(key) ?? 0} (measured on ${table.measuredOn.get(tag)})`,
        );
    }
    const show = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
    assert.deepEqual(
      show(got),
      show(want),
      result.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.file}:${f.range.line}: ${f.message}`)
        .join('\n'),
    );

    const listed = readListed(doc).filter((r) => r.tree === tag);
    const named = namedFindings(tree, tag, result.findings).map((f) => ({ ...f, rule: f.code }));
    const reported = named
      .filter((f) => f.severity !== 'info')
      .map(listKey)
      .sort();
    const audited = listed
      .filter((r) => r.severity !== 'info')
      .map(listKey)
      .sort();
    const real = listed.filter((r) => r.severity !== 'info' && r.verdict !== 'false positive').length;
    t.diagnostic(`${tag}: ${audited.length} warnings and errors audited, ${real} real (bug or hardening); ${listed.length - audited.length} infos listed`);
    assert.deepEqual(reported, audited, 'every warning and error must be listed, with its verdict, in docs/real-tree-findings.md');
    const infos = new Set(named.filter((f) => f.severity === 'info').map(listKey));
    assert.deepEqual(listed.filter((r) => r.severity === 'info' && !infos.has(listKey(r))).map(listKey), [], 'listed infos that are no longer reported');

    // Recall: every known real bug of this tree is reported, at least at the severity its row names
    // (`speculative`: among the findings `check --speculative` adds).
    const bugs = readKnownBugs().filter((b) => b.tree === tag);
    const speculative = namedFindings(
      tree,
      tag,
      all.findings.filter((f) => f.speculative),
    );
    const missed = bugs.filter((b) => {
      const need = b.atLeast;
      const at = (f: { code: string; file: string; function: string }) => f.code === b.rule && f.file === b.file && f.function === b.function;
      return need === 'speculative' ? !speculative.some(at) : !named.some((f) => at(f) && atLeast(f.severity, need));
    });
    t.diagnostic(`${tag}: ${bugs.length - missed.length} of ${bugs.length} known real bugs reported`);
    for (const b of missed) t.diagnostic(`changed in ${version}: the known bug ${b.rule} in ${b.file}: ${b.function}() is no longer reported (${b.what})`);
    assert.deepEqual(
      missed.map((b) => `${b.file}: ${b.function}`),
      [],
      'known real bugs no longer reported',
    );
  });
}
