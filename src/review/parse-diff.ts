// Reads the diff part of a patch: where it starts and ends inside a mail or file, every hunk's
// position in the patch file, and jsdiff's structured parse of it (git's extended headers included).
import { parsePatch, type StructuredPatch } from 'diff';
import { PatchError, type FileChange, type FilePatch, type Hunk } from './types';

/** Maps a 0-based index into `lines` to the 1-based patch-file line it came from. */
export type LineOf = (index: number) => number;

export interface DiffPart {
  files: FilePatch[];
  /** Lines that look like diff but cannot be read (combined-diff hunks), as "file:line: what". */
  unread: string[];
  /** Index of the first diff line and one past the last (before a `-- ` signature). */
  start: number;
  end: number;
}

/** Hunk line numbers and counts above this are refused (the longest kernel source has ~100,000 lines). */
const maxHunkNumber = 10_000_000;

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function isFileHeaderPair(lines: string[], i: number): boolean {
  return lines[i].startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
}

function isSectionStart(lines: string[], i: number): boolean {
  return lines[i].startsWith('diff --git ') || lines[i].startsWith('Index: ') || isFileHeaderPair(lines, i);
}

/** The first line of the diff at or after `from`, or -1 when there is none. */
export function findDiffStart(lines: string[], from = 0): number {
  for (let i = from; i < lines.length; i++) if (isSectionStart(lines, i) || hunkHeader.test(lines[i])) return i;
  return -1;
}

interface Scan {
  end: number;
  hunkHeaders: number[];
  sections: number[];
  /** Section indexes holding a GIT binary patch. */
  binary: Set<number>;
  unread: string[];
}

function isSignature(line: string): boolean {
  return line === '-- ' || line === '--';
}

/** Walks hunks by their declared counts, so a mail signature or trailing prose never joins a hunk. */
function scanDiff(lines: string[], start: number, file: string, lineOf: LineOf): Scan {
  const scan: Scan = { end: lines.length, hunkHeaders: [], sections: [], binary: new Set(), unread: [] };
  let inGitSection = false;
  for (let i = start; i < lines.length; ) {
    const line = lines[i];
    if (isSignature(line)) return { ...scan, end: i };
    if (line.startsWith('diff --git ') || line.startsWith('Index: ')) {
      scan.sections.push(i);
      inGitSection = true;
      i++;
    } else if (isFileHeaderPair(lines, i)) {
      if (!inGitSection) scan.sections.push(i);
      inGitSection = false;
      i += 2;
    } else if (line.startsWith('@@@ ')) {
      scan.unread.push(`${file}:${lineOf(i)}: combined-diff (merge) hunk "${line}": IRQ Lens reads two-way diffs only; this hunk is not reviewed`);
      i++;
    } else if (line === 'GIT binary patch') {
      scan.binary.add(scan.sections.length - 1);
      i++;
    } else if (hunkHeader.test(line)) {
      if (scan.sections.length === 0) scan.sections.push(i);
      scan.hunkHeaders.push(i);
      i = skipHunk(lines, i, file, lineOf);
      inGitSection = false;
    } else {
      i++;
    }
  }
  return scan;
}

/** Returns the index after the hunk at `at`; throws when the body disagrees with the header's counts. */
function skipHunk(lines: string[], at: number, file: string, lineOf: LineOf): number {
  const m = hunkHeader.exec(lines[at]);
  if (!m) throw new PatchError(file, lineOf(at), 'expected a hunk header');
  if (m.slice(1).some((n) => n !== undefined && Number(n) > maxHunkNumber))
    throw new PatchError(file, lineOf(at), `hunk "${lines[at]}" names a line or count over ${maxHunkNumber}: no source file is that long`);
  const wantOld = m[2] === undefined ? 1 : Number(m[2]);
  const wantNew = m[4] === undefined ? 1 : Number(m[4]);
  let old = 0;
  let neu = 0;
  let i = at + 1;
  const where = () => `hunk "${lines[at]}" at line ${lineOf(at)}`;
  while (old < wantOld || neu < wantNew) {
    const line = lines[i];
    const op = line === undefined ? undefined : line === '' && i < lines.length - 1 ? ' ' : line[0];
    if (op === ' ') old++, neu++;
    else if (op === '-') old++;
    else if (op === '+') neu++;
    else if (op !== '\\')
      throw new PatchError(
        file,
        lineOf(Math.min(i, lines.length - 1)),
        `${where()} declares ${wantOld} old and ${wantNew} new lines but ends after ${old} old and ${neu} new lines`,
      );
    i++;
  }
  if (old > wantOld || neu > wantNew)
    throw new PatchError(file, lineOf(at), `${where()} declares ${wantOld} old and ${wantNew} new lines but its body has more`);
  while ((lines[i] ?? '').startsWith('\\')) i++;
  const next = lines[i];
  if (next !== undefined && /^[+ -]/.test(next) && !isSignature(next) && !isFileHeaderPair(lines, i) && !next.startsWith('--- '))
    throw new PatchError(file, lineOf(i), `${where()} declares ${wantOld} old and ${wantNew} new lines but its body has more`);
  return i;
}

/** A file name from a diff header without quotes; null for /dev/null; `strip` leading components dropped. */
export function treePath(name: string | undefined, strip: number): string | null {
  if (name === undefined || name === '/dev/null') return null;
  const clean = name.replace(/^"|"$/g, '');
  return clean
    .split('/')
    .slice(Math.min(strip, clean.split('/').length - 1))
    .join('/');
}

const epoch = /^(1970-01-01 00:00:00|Thu Jan {1,2}1 00:00:00(\.0+)? 1970)/;

/**
 * `diff -N` names a missing file with the epoch as its time and a `-0,0` (or `+0,0`) hunk: the
 * side that does not exist, as GNU patch reads it (a creation or a deletion).
 */
function epochSide(p: StructuredPatch, side: 'old' | 'new'): boolean {
  const header = side === 'old' ? p.oldHeader : p.newHeader;
  if (p.isGit || header === undefined || !epoch.test(header) || p.hunks.length !== 1) return false;
  const h = p.hunks[0]!;
  return side === 'old' ? h.oldLines === 0 : h.newLines === 0;
}

function changeOf(p: StructuredPatch, oldPath: string | null, newPath: string | null): FileChange {
  if (p.isBinary) return 'binary';
  if (p.isRename) return 'renamed';
  if (p.isCopy) return 'copied';
  if (p.isCreate || oldPath === null) return 'added';
  if (p.isDelete || newPath === null) return 'deleted';
  if (p.hunks.length === 0 && (p.oldMode !== undefined || p.newMode !== undefined)) return 'mode-only';
  return 'modified';
}

/**
 * Leading components to drop, as `patch -pN`: git's a/ and b/ (absent with --no-prefix), or the two
 * top directories of `diff -ru old/ new/`. A name both sides share (`linux/drivers/x.c`) is kept; the
 * apply step drops components when the tree has no such file.
 */
function stripLevel(p: StructuredPatch): number {
  const names = [p.oldFileName, p.newFileName].filter((n): n is string => n !== undefined && n !== '/dev/null').map((n) => n.replace(/^"/, ''));
  if (names.length === 0) return 0;
  if (p.isGit) return names.every((n) => /^[ab]\//.test(n)) ? 1 : 0;
  const tops = names.map((n) => (n.includes('/') && !n.startsWith('/') ? n.slice(0, n.indexOf('/')) : undefined));
  if (tops.some((t) => t === undefined)) return 0;
  return tops.length === 2 && tops[0] !== tops[1] ? 1 : tops.every((t) => t === 'a' || t === 'b') ? 1 : 0;
}

function jsdiffParse(text: string, first: number, file: string, lineOf: LineOf): StructuredPatch[] {
  try {
    return parsePatch(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /line (\d+)/.exec(message);
    throw new PatchError(file, at ? lineOf(first + Number(at[1]) - 1) : lineOf(first), message);
  }
}

function toHunks(p: StructuredPatch, headers: number[], lines: string[], lineOf: LineOf): Hunk[] {
  return p.hunks.map((h) => {
    const at = headers.shift() ?? 0;
    return { ...h, headerLine: lineOf(at), header: lines[at], lineNumbers: h.lines.map((_, k) => lineOf(at + 1 + k)) };
  });
}

/** Parses the diff in `lines` (from the first diff line at or after `from`). */
export function parseDiffLines(lines: string[], file: string, lineOf: LineOf, from = 0): DiffPart {
  const start = findDiffStart(lines, from);
  if (start < 0) return { files: [], unread: [], start: lines.length, end: lines.length };
  const scan = scanDiff(lines, start, file, lineOf);
  const text = lines.slice(start, scan.end).join('\n') + '\n';
  const parsed = jsdiffParse(text, start, file, lineOf).filter((p) => p.oldFileName !== undefined || p.newFileName !== undefined || p.hunks.length > 0);
  const headers = [...scan.hunkHeaders];
  const files = parsed.map((p, k): FilePatch => {
    const strip = stripLevel(p);
    const oldPath = p.isCreate || epochSide(p, 'old') ? null : treePath(p.oldFileName, strip);
    const newPath = p.isDelete || epochSide(p, 'new') ? null : treePath(p.newFileName, strip);
    const headerLine = lineOf(scan.sections[k] ?? start);
    const change = scan.binary.has(k) ? 'binary' : changeOf(p, oldPath, newPath);
    return { oldPath, newPath, change, hunks: toHunks(p, headers, lines, lineOf), headerLine, structured: p };
  });
  return { files, unread: scan.unread, start, end: scan.end };
}

/** Splits text into lines without line terminators (CRLF and LF alike), dropping the final empty one. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
