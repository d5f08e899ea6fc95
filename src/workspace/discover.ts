// Finds the C sources and headers under the paths the user gave. Only names are collected here
// (about 60,000 strings for a kernel tree); contents are read later, one file at a time, in workers.
import { lstatSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { sep } from 'node:path';
import type { FileProblem } from '../facts/types';
import { fileProblem } from './file-problem';
import { toAbsolute, toOutputPath } from './paths';

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths that do not exist or cannot be listed. */
  problems: FileProblem[];
}

const sourceExtensions = ['.c', '.h'];

export function isCSource(path: string): boolean {
  return sourceExtensions.some((ext) => path.endsWith(ext));
}

/** Dot-directories (.git, .pc, .tmp_versions) and node_modules never hold kernel sources. */
function skippedDirectory(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** A listed entry the scan should read: files, symlinks (never followed) and special files, whose read says what they are. */
function listable(e: Dirent): boolean {
  return !e.isDirectory() && isCSource(e.name);
}

function listingProblem(dir: string, err: unknown, shown: (abs: string) => string): FileProblem {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(err));
  return fileProblem(shown(dir), `cannot list this directory (${why}): its files are not checked`);
}

/**
 * A directory in pieces: its own files, then each subdirectory, depth first, so a caller can start
 * work on the first pieces while the rest are listed (a kernel's drivers/ alone holds half the
 * tree). Symlinks are listed as files and never followed: no cycles, and a dangling one or one
 * leading out of the tree is reported when it is read. FIFOs, sockets and devices with a C name
 * are listed too, so the read reports them instead of skipping them without a word; so is a
 * directory that cannot be listed.
 */
function crawlInPieces(
  dir: string,
  signal: AbortSignal | undefined,
  onPiece: (files: string[]) => void,
  onProblem: (p: FileProblem) => void,
  shown: (abs: string) => string,
  depth = 0,
): void {
  if (signal?.aborted) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    onProblem(listingProblem(dir, err, shown));
    return;
  }
  // Name order near the top only (it decides which pieces the workers get first); the whole list is sorted at the end.
  if (depth < 2) entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const files: string[] = [];
  for (const e of entries) if (listable(e)) files.push(prefix + e.name);
  if (files.length > 0) onPiece(files);
  for (const e of entries) if (e.isDirectory() && !skippedDirectory(e.name)) crawlInPieces(prefix + e.name, signal, onPiece, onProblem, shown, depth + 1);
}

function statOrProblem(abs: string, shown: string): Stats | FileProblem {
  try {
    return statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const dangling = safeLstat(abs)?.isSymbolicLink() ?? false;
      return fileProblem(shown, dangling ? 'dangling symbolic link: its target does not exist' : 'no such file or directory');
    }
    return fileProblem(shown, `cannot access: ${code ?? String(err)}`);
  }
}

function safeLstat(abs: string): Stats | undefined {
  try {
    return lstatSync(abs);
  } catch {
    return undefined;
  }
}

/**
 * Lists every .c/.h file under `paths` (files given explicitly are kept whatever their name).
 * Paths are resolved against `cwd`; problems use output paths (relative to cwd). `onFiles`, when
 * given, receives the files as they are found, in pieces (each file once), before the sorted
 * whole is returned.
 */
export function discoverFiles(paths: readonly string[], cwd: string, signal?: AbortSignal, onFiles?: (files: string[]) => void): Discovery {
  const found = new Set<string>();
  const problems: FileProblem[] = [];
  const add = (files: string[]): void => {
    const fresh = files.filter((f) => !found.has(f));
    for (const f of fresh) found.add(f);
    if (onFiles && fresh.length > 0) onFiles(fresh);
  };
  for (const given of paths) {
    const abs = toAbsolute(given, cwd);
    const stats = statOrProblem(abs, toOutputPath(abs, cwd));
    if ('message' in stats) {
      problems.push(stats);
      continue;
    }
    if (!stats.isDirectory()) add([abs]);
    else
      crawlInPieces(
        abs,
        signal,
        add,
        (p) => problems.push(p),
        (a) => toOutputPath(a, cwd),
      );
  }
  return { files: [...found].sort(), problems };
}
