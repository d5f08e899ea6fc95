// Builds and reads the committed ground truth of the recall test: every call of a catalogue API
// in a kernel tree, found by lexical-calls.ts and corrected by the manual review in
// data/review.tsv. Regenerate with
//   node out/test/realtree/ground-truth.js TREE-DIR TAG > test/realtree/data/ground-truth-TAG.tsv
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueNames } from '../../src/facts/catalogue';
import { lexicalCalls } from './lexical-calls';

export interface TruthRow {
  file: string;
  line: number;
  api: string;
}

export interface GroundTruth {
  names: string[];
  rows: TruthRow[];
}

export const dataDir = join(__dirname, '..', '..', '..', 'test', 'realtree', 'data');

export function rowKey(r: TruthRow): string {
  return `${r.file}:${r.line}:${r.api}`;
}

/** Every .c/.h under root, skipping dot-directories; symlinked files are read, symlinked
 *  directories are not entered (as irqlens's discovery does). */
function sourceFiles(root: string, dir = '', acc: string[] = []): string[] {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) sourceFiles(root, rel, acc);
    else if (/\.[ch]$/.test(entry.name) && (entry.isFile() || statSync(join(root, rel), { throwIfNoEntry: false })?.isFile())) acc.push(rel);
  }
  return acc;
}

interface Review {
  tag: string;
  row: TruthRow;
  verdict: 'call' | 'not-call';
}

export function readReview(): Review[] {
  const text = readFileSync(join(dataDir, 'review.tsv'), 'utf8');
  const out: Review[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [tag, file, lineNo, api, verdict] = line.split('\t');
    if (verdict !== 'call' && verdict !== 'not-call') throw new Error(`review.tsv: bad verdict in: ${line}`);
    out.push({ tag: tag!, row: { file: file!, line: Number(lineNo), api: api! }, verdict });
  }
  return out;
}

export function buildGroundTruth(root: string, tag: string, names: string[]): TruthRow[] {
  const wordRe = new RegExp(`\\b(?:${names.join('|')})\\b`);
  const rows: TruthRow[] = [];
  for (const file of sourceFiles(root).sort()) {
    const text = readFileSync(join(root, file), 'latin1');
    if (!wordRe.test(text)) continue;
    for (const c of lexicalCalls(text, names)) rows.push({ file, line: c.line, api: c.api });
  }
  const review = readReview().filter((r) => r.tag === tag);
  const removed = new Set(review.filter((r) => r.verdict === 'not-call').map((r) => rowKey(r.row)));
  const kept = rows.filter((r) => !removed.has(rowKey(r)));
  return kept.concat(review.filter((r) => r.verdict === 'call').map((r) => r.row));
}

export function formatTruth(names: string[], rows: TruthRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.api < b.api ? -1 : 1)));
  const header = `# names\t${names.join(' ')}\n# file\tline\tapi\n`;
  return header + sorted.map((r) => `${r.file}\t${r.line}\t${r.api}`).join('\n') + '\n';
}

export function readTruth(tag: string): GroundTruth {
  const text = readFileSync(join(dataDir, `ground-truth-${tag}.tsv`), 'utf8');
  let names: string[] = [];
  const rows: TruthRow[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# names\t')) names = line.slice('# names\t'.length).split(' ');
    if (!line || line.startsWith('#')) continue;
    const [file, lineNo, api] = line.split('\t');
    rows.push({ file: file!, line: Number(lineNo), api: api! });
  }
  return { names, rows };
}

if (require.main === module) {
  const [root, tag] = process.argv.slice(2);
  if (!root || !tag) {
    process.stderr.write('usage: node out/test/realtree/ground-truth.js TREE-DIR TAG\n');
    process.exit(2);
  }
  // The catalogue's names are the API surface under test; the finding method stays independent.
  const names = catalogueNames();
  process.stdout.write(formatTruth(names, buildGroundTruth(root, tag, names)));
}
