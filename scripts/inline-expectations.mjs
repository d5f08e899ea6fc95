// Moves a scenario's expected findings from its header (` * expect: CODE@LINE SEVERITY`) to the
// line they concern, clang -verify style: `code();  // expect: CODE SEVERITY[, CODE SEVERITY]`.
// Rerunnable: a file without header line numbers is left as it is, so it can be run again after
// new header-style scenarios arrive.
//   node scripts/inline-expectations.mjs [FILE.c ...]     (default: test/scenarios/c/*.c)
// `expect: none`, `layout:` and `era:` stay in the header: they concern the whole file.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const headerExpect = /^\s*\*\s*expect:\s*(\S+)@(\d+)\s+(error|warning|info)(\s+speculative)?\s*$/;

/** The expectations of each line (1-based) and the header lines that held them. */
function headerExpectations(lines) {
  const byLine = new Map();
  const headerLines = new Set();
  const end = lines.findIndex((l) => l.includes('*/'));
  for (let i = 0; i <= end; i++) {
    const m = headerExpect.exec(lines[i]);
    if (!m) continue;
    const line = Number(m[2]);
    byLine.set(line, [...(byLine.get(line) ?? []), `${m[1]} ${m[3]}${m[4] ? ' speculative' : ''}`]);
    headerLines.add(i);
  }
  return { byLine, headerLines, end };
}

/** The comment goes at the end of the line; before a macro's continuation backslash. */
function annotate(line, expectations, where) {
  const text = `expect: ${expectations.join(', ')}`;
  if (line.includes('expect:')) throw new Error(`${where}: already has an inline expectation`);
  const continued = /\\\s*$/.exec(line);
  if (continued) return `${line.slice(0, continued.index).trimEnd()}  /* ${text} */ \\`;
  return line.includes('//') ? `${line} ${text}` : `${line}  // ${text}`;
}

export function inlineExpectations(source, name) {
  const lines = source.split('\n');
  const { byLine, headerLines, end } = headerExpectations(lines);
  if (byLine.size === 0) return source;
  for (const [line, expectations] of byLine) {
    if (line - 1 <= end || line > lines.length) throw new Error(`${name}:${line}: an expectation outside the code`);
    lines[line - 1] = annotate(lines[line - 1], expectations, `${name}:${line}`);
  }
  return lines.filter((_, i) => !headerLines.has(i)).join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const dir = join(root, 'test', 'scenarios', 'c');
  const files = args.length
    ? args
    : readdirSync(dir)
        .filter((f) => f.endsWith('.c'))
        .sort()
        .map((f) => join(dir, f));
  let changed = 0;
  for (const file of files) {
    const before = readFileSync(file, 'utf8');
    const after = inlineExpectations(before, file);
    if (after === before) continue;
    writeFileSync(file, after);
    changed++;
  }
  process.stdout.write(`inline-expectations: ${changed} of ${files.length} files rewritten\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
