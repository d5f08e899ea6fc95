// Reads a patch series from what a reviewer has: .patch/.diff files, a directory of NNNN-*.patch
// files, one mbox or b4 .mbx, or a git range. Cover letters are noted and skipped.
import { readdirSync, statSync } from 'node:fs';
import { readUserText } from '../workspace/file-reader';
import { TreeBounds } from '../workspace/tree-bounds';
import { basename, join, relative, resolve } from 'node:path';
import { parseMail, type MailPatch } from './mail';
import { looksLikeMail, splitMbox } from './mbox';
import { findDiffStart, parseDiffLines, splitLines } from './parse-diff';
import { PatchError, type ParsedPatch } from './types';

/** A bare diff (`git diff`, `diff -u`): whatever precedes the first diff line is its message. */
export function parsePlainDiff(text: string, source: string, index: number): ParsedPatch {
  const lines = splitLines(text);
  const diff = parseDiffLines(lines, source, (k) => k + 1);
  const start = findDiffStart(lines);
  return {
    source,
    index,
    subject: basename(source),
    message: lines
      .slice(0, start < 0 ? lines.length : start)
      .join('\n')
      .trim(),
    trailers: [],
    diffstat: [],
    files: diff.files,
    notes: [],
    unread: diff.unread,
    firstLine: 1,
  };
}

function isCoverLetter(p: MailPatch): boolean {
  return p.files.length === 0 && (p.unread ?? []).length === 0 && (p.number === 0 || p.number === undefined);
}

/** Orders mails by their [PATCH n/m] numbers when every one has one (lore mboxes come in thread order). */
function inSeriesOrder(mails: MailPatch[]): MailPatch[] {
  if (!mails.every((m) => m.number !== undefined)) return mails;
  return [...mails].sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

/** Every patch in one text: an mbox of mails, one mail, or a bare diff. */
export async function parsePatchText(text: string, source: string): Promise<ParsedPatch[]> {
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    throw new PatchError(source, lineAt(text, nul), 'NUL bytes: binary data or UTF-16 text without a byte-order mark; patches are read as UTF-8 text');
  if (!looksLikeMail(text)) {
    const plain = parsePlainDiff(text, source, 1);
    if (plain.files.length === 0) throw new PatchError(source, 1, 'no diff in this file (no diff --git, ---/+++ or @@ lines)');
    return [plain];
  }
  const raws = text.startsWith('From ') ? splitMbox(text) : [{ text: text.replace(/\r\n/g, '\n'), firstLine: 1 }];
  const mails: MailPatch[] = [];
  const skipped: string[] = [];
  for (const raw of raws) {
    const mail = await parseMail(raw, source, mails.length + 1);
    if (isCoverLetter(mail)) skipped.push(`${source}:${raw.firstLine}: "${mail.subject}" has no diff (cover letter or reply): skipped`);
    else mails.push(mail);
  }
  if (mails.length === 0 && raws.length > 0) throw new PatchError(source, 1, 'no patch in this file (no diff found in any message)');
  const ordered = inSeriesOrder(mails);
  ordered.forEach((m, k) => (m.index = k + 1));
  if (ordered.length > 0) ordered[0].notes.push(...skipped);
  return ordered;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const patchName = /\.(patch|diff|mbx|mbox|eml)$/i;

/** Patches are text: a larger file is not one (git format-patch of all of 6.12 is 30 MB). */
const maxPatchBytes = 64 * 1024 * 1024;

/** Files to read for one argument: a directory means its NNNN-*.patch files in name order. */
function expand(path: string): { files: string[]; bounds?: TreeBounds } {
  if (!statSync(path).isDirectory()) return { files: [path] };
  const names = readdirSync(path)
    .filter((n) => patchName.test(n))
    .sort();
  const numbered = names.filter((n) => /^\d{4}-/.test(n) && !/^0000-cover-letter/.test(n));
  return { files: (numbered.length > 0 ? numbered : names).map((n) => join(path, n)), bounds: new TreeBounds([path]) };
}

function readText(path: string, shown: string, bounds: TreeBounds | undefined): string {
  const read = readUserText(path, { maxBytes: maxPatchBytes, ...(bounds ? { bounds } : {}) });
  if (!read.ok) throw new PatchError(shown, 1, read.message);
  return read.text;
}

/** Reads patch files, directories and mboxes (in the order given) into one numbered series. */
export async function readSeriesFiles(paths: string[], cwd: string): Promise<ParsedPatch[]> {
  const series: ParsedPatch[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let files: string[];
    let bounds: TreeBounds | undefined;
    try {
      ({ files, bounds } = expand(abs));
    } catch {
      throw new PatchError(p, 1, 'no such file or directory');
    }
    if (files.length === 0) throw new PatchError(p, 1, 'no .patch, .diff, .mbx or .mbox files in this directory');
    for (const f of files) {
      const shown = relative(cwd, f) || f;
      const patches = await readOne(readText(f, shown, bounds), shown, files.length > 1, skipped);
      for (const patch of patches) series.push({ ...patch, index: series.length + 1, notes: [...skipped.splice(0), ...patch.notes] });
    }
  }
  if (series.length === 0) throw new PatchError(paths[0] ?? '', 1, 'no patch in these files');
  if (skipped.length > 0) series[series.length - 1].notes.push(...skipped);
  return series;
}

/** One file's patches; inside a directory a file without a diff (a cover letter) is noted, not fatal. */
async function readOne(text: string, shown: string, inDirectory: boolean, skipped: string[]): Promise<ParsedPatch[]> {
  try {
    return await parsePatchText(text, shown);
  } catch (err) {
    if (!inDirectory || !(err instanceof PatchError) || !/^no (patch|diff) in this file/.test(err.detail)) throw err;
    skipped.push(`${shown}: no diff (cover letter or notes): skipped`);
    return [];
  }
}
