// The audited list of docs/real-tree-findings.md: every warning and error `irqlens check` reports on
// a real tree, and a random sample of its infos, each with a verdict a maintainer gave after reading
// the driver and the kernel core. A finding is named by tree, rule, severity, file and enclosing
// function (found lexically), never by line, so the list survives Debian point releases.
// Print the rows of a tree's current findings (verdicts to fill in) with
//   node out/test/realtree/findings-list.js TAG [--sample N --seed S]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/vocabulary/finding';
import { functionsByLine } from './lexical-calls';
import { checkPaths } from '../../src/engine/check-paths';
import { requireTree } from './kernel-trees';

export const verdicts = ['bug', 'hardening', 'false positive'] as const;
export type Verdict = (typeof verdicts)[number];

export interface ListedFinding {
  tree: string;
  rule: string;
  severity: string;
  file: string;
  function: string;
  verdict: Verdict;
  why: string;
}

export const listKey = (r: { tree: string; rule: string; severity: string; file: string; function: string }): string =>
  `${r.tree} ${r.rule} ${r.severity} ${r.file} ${r.function || '(file scope)'}`;

/** The rows of the table that follows the `<!-- findings:` marker. */
export function readListed(doc: string): ListedFinding[] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith('<!-- findings:'));
  if (start < 0) return [];
  const out: ListedFinding[] = [];
  for (const line of lines.slice(start + 3)) {
    if (!line.startsWith('|')) break;
    const [tree, rule, severity, file, fn, verdict, why] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim().replace(/^`|`$/g, ''));
    if (!verdicts.includes(verdict as Verdict))
      throw new Error(`docs/real-tree-findings.md: verdict '${verdict}' is not one of ${verdicts.join(', ')}: ${line}`);
    out.push({
      tree: tree!,
      rule: rule!,
      severity: severity!,
      file: file!,
      function: fn === '(file scope)' ? '' : fn!,
      verdict: verdict as Verdict,
      why: why!,
    });
  }
  return out;
}

/** Each finding with the function whose body holds it. */
export function namedFindings(tree: string, tag: string, findings: readonly Finding[]): (Finding & { tree: string; function: string })[] {
  const lookups = new Map<string, (line: number) => string>();
  const functionAt = (file: string, line: number): string => {
    if (!lookups.has(file)) lookups.set(file, functionsByLine(readFileSync(join(tree, file), 'latin1')));
    return lookups.get(file)!(line);
  };
  return findings.map((f) => ({ ...f, tree: tag, function: functionAt(f.file, f.range.line) }));
}

/** A deterministic sample of n items (a linear congruential shuffle seeded by `seed`). */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const a = [...items];
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

function row(f: Finding & { tree: string; function: string }, verdict: string): string {
  return `| ${f.tree} | ${f.code} | ${f.severity} | \`${f.file}\` | ${f.function || '(file scope)'} | ${verdict} | ${f.message.replace(/\|/g, '\\|')} |`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const tag = args[0];
  if (!tag) {
    process.stderr.write('usage: node out/test/realtree/findings-list.js TAG [--sample N --seed S]\n');
    process.exit(2);
  }
  const opt = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const tree = requireTree(tag);
  const result = await checkPaths(['.'], { cwd: tree, layout: 'auto' });
  const named = namedFindings(tree, tag, result.findings);
  for (const f of named.filter((x) => x.severity !== 'info')) process.stdout.write(row(f, '?') + '\n');
  for (const f of sample(
    named.filter((x) => x.severity === 'info'),
    opt('--sample', 0),
    opt('--seed', 1),
  ))
    process.stdout.write(row(f, '?') + '\n');
}

if (require.main === module) void main();
