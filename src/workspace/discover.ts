// Finds the C sources and headers under the paths the user gave. Only names are collected here
// (about 60,000 strings for a kernel tree); contents are read later, one file at a time, in workers.
import { fdir } from 'fdir';
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
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

function crawl(dir: string, signal?: AbortSignal): string[] {
  // Symlinks are listed as files and not followed: no cycles, and a dangling one is reported
  // when it is read.
  let builder = new fdir()
    .withFullPaths()
    .exclude((name) => skippedDirectory(name))
    .filter((path, isDirectory) => !isDirectory && isCSource(path));
  if (signal) builder = builder.withAbortSignal(signal);
  return builder.crawl(dir).sync();
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
 * A directory in pieces: its own files, then each subdirectory (split again `levels` deep), so a
 * caller can start work on the first pieces while the rest are listed. Two levels: a kernel's
 * drivers/ alone holds half the tree, and workers waited while it was listed in one piece.
 * The same files as crawl(dir), in other order.
 */
function crawlInPieces(dir: string, signal: AbortSignal | undefined, onPiece: (files: string[]) => void, levels = 2): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    onPiece(crawl(dir, signal)); // let fdir report or skip it as it always did
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Symlinks are files here, as in crawl(): listed, never followed. FIFOs, sockets and devices
  // are not listed, as fdir does not list them.
  onPiece(entries.filter((e) => (e.isFile() || e.isSymbolicLink()) && isCSource(e.name)).map((e) => join(dir, e.name)));
  for (const e of entries) {
    if (!e.isDirectory() || skippedDirectory(e.name)) continue;
    if (levels > 1) crawlInPieces(join(dir, e.name), signal, onPiece, levels - 1);
    else onPiece(crawl(join(dir, e.name), signal));
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
    else if (onFiles) crawlInPieces(abs, signal, add);
    else add(crawl(abs, signal));
  }
  return { files: [...found].sort(), problems };
}
