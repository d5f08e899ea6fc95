// Builds and reads the committed ground truth of the recall test: every call of a catalogue API
// in a kernel tree, found by lexical-calls.ts and corrected by the manual review in
// data/review.tsv. A call is identified by file, enclosing function, API and its order among that
// API's calls in the function, so the truth survives Debian point releases that move lines; the
// line is kept only to say where a call was when the truth was measured. Regenerate with
//   node out/test/realtree/ground-truth.js TREE-DIR TAG > test/realtree/data/ground-truth-TAG.tsv
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueNames } from '../../src/facts/catalogue';
import { lexicalCalls } from './lexical-calls';
import { treeVersion } from './kernel-trees';

/** One call: where it is (stable), and the line it had in the tree it was measured on. */
export interface TruthRow {
  file: string;
  function: string;
  api: string;
  line: number;
}

/** A call with its order among the calls of its API in its function (1-based). */
export interface Site extends TruthRow {
  ordinal: number;
}

export interface GroundTruth {
  names: string[];
  /** The kernel version the lines were measured on (the Makefile's, e.g. 6.12.118). */
  measuredOn: string;
  sites: Site[];
}

export const dataDir = join(__dirname, '..', '..', '..', 'test', 'realtree', 'data');

/** The key that survives moved lines: file, function, API and ordinal. */
export function siteKey(s: Site): string {
  return `${s.file}\t${s.function}\t${s.api}\t${s.ordinal}`;
}

/** Numbers each row among the rows of its file, function and API, in line order. */
export function numberSites(rows: readonly TruthRow[]): Site[] {
  const sorted = [...rows].sort((a, b) => cmp(a.file, b.file) || cmp(a.function, b.function) || cmp(a.api, b.api) || a.line - b.line);
  const seen = new Map<string, number>();
  return sorted.map((r) => {
    const group = `${r.file}\t${r.function}\t${r.api}`;
    const ordinal = (seen.get(group) ?? 0) + 1;
    seen.set(group, ordinal);
    return { ...r, ordinal };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** data/review.tsv: manual corrections, keyed by file, function, API and the line in the tree the
 *  truth is generated from (they apply at generation time only). */
export function readReview(): Review[] {
  const text = readFileSync(join(dataDir, 'review.tsv'), 'utf8');
  const out: Review[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [tag, file, fn, lineNo, api, verdict] = line.split('\t');
    if (verdict !== 'call' && verdict !== 'not-call') throw new Error(`review.tsv: bad verdict in: ${line}`);
    out.push({ tag: tag!, row: { file: file!, function: fn!, line: Number(lineNo), api: api! }, verdict });
  }
  return out;
}

const reviewKey = (r: TruthRow): string => `${r.file}:${r.function}:${r.line}:${r.api}`;

export function buildGroundTruth(root: string, tag: string, names: string[]): TruthRow[] {
  const wordRe = new RegExp(`\\b(?:${names.join('|')})\\b`);
  const rows: TruthRow[] = [];
  for (const file of sourceFiles(root).sort()) {
    const text = readFileSync(join(root, file), 'latin1');
    if (!wordRe.test(text)) continue;
    for (const c of lexicalCalls(text, names)) rows.push({ file, function: c.function, line: c.line, api: c.api });
  }
  const review = readReview().filter((r) => r.tag === tag);
  const removed = new Set(review.filter((r) => r.verdict === 'not-call').map((r) => reviewKey(r.row)));
  const kept = rows.filter((r) => !removed.has(reviewKey(r)));
  return kept.concat(review.filter((r) => r.verdict === 'call').map((r) => r.row));
}

export function formatTruth(names: string[], measuredOn: string, rows: TruthRow[]): string {
  const sites = numberSites(rows);
  const header = `# names\t${names.join(' ')}\n# measured on\t${measuredOn}\n# file\tfunction\tapi\tordinal\tline\n`;
  return header + sites.map((s) => `${s.file}\t${s.function}\t${s.api}\t${s.ordinal}\t${s.line}`).join('\n') + '\n';
}

export function readTruth(tag: string): GroundTruth {
  const text = readFileSync(join(dataDir, `ground-truth-${tag}.tsv`), 'utf8');
  let names: string[] = [];
  let measuredOn = '';
  const sites: Site[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# names\t')) names = line.slice('# names\t'.length).split(' ');
    if (line.startsWith('# measured on\t')) measuredOn = line.slice('# measured on\t'.length);
    if (!line || line.startsWith('#')) continue;
    const [file, fn, api, ordinal, lineNo] = line.split('\t');
    sites.push({ file: file!, function: fn!, api: api!, ordinal: Number(ordinal), line: Number(lineNo) });
  }
  return { names, measuredOn, sites };
}

if (require.main === module) {
  const [root, tag] = process.argv.slice(2);
  if (!root || !tag) {
    process.stderr.write('usage: node out/test/realtree/ground-truth.js TREE-DIR TAG\n');
    process.exit(2);
  }
  // The catalogue's names are the API surface under test; the finding method stays independent.
  const names = catalogueNames();
  process.stdout.write(formatTruth(names, treeVersion(root), buildGroundTruth(root, tag, names)));
}
