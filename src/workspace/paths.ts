// Path conventions of the engine's output: file names relative to the working directory with '/'
// separators, whatever the platform.
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { FileFacts } from '../facts/types';

let lastCwd: { cwd: string; normal: boolean } | undefined;

/** True when `cwd` is absolute and normalised (resolve would return it unchanged). */
function normalCwd(cwd: string): boolean {
  if (lastCwd?.cwd !== cwd) lastCwd = { cwd, normal: resolve(cwd) === cwd };
  return lastCwd.normal;
}

export function toOutputPath(absPath: string, cwd: string): string {
  // A tree scan names 60,000 files under cwd: a plain prefix cut is what relative() would give
  // for a normalised path below a normalised cwd, at a tenth of the cost. (Only the part below
  // cwd is checked for `.` segments: trees often live under ~/.cache or similar.)
  if (
    sep === '/' &&
    absPath.charCodeAt(cwd.length) === 47 &&
    absPath.length > cwd.length + 1 &&
    absPath.startsWith(cwd) &&
    normalCwd(cwd) &&
    absPath.indexOf('/.', cwd.length) === -1 &&
    absPath.indexOf('//', cwd.length) === -1
  ) {
    return absPath.slice(cwd.length + 1);
  }
  const rel = relative(cwd, absPath) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function toAbsolute(path: string, cwd: string): string {
  return resolve(cwd, path);
}

/** The order of TreeFacts.files: by output path, code unit by code unit. */
export function byFileName(a: FileFacts, b: FileFacts): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
