// Path conventions of the engine's output: file names relative to the working directory with '/'
// separators, whatever the platform.
import { relative, resolve, sep } from 'node:path';

export function toOutputPath(absPath: string, cwd: string): string {
  const rel = relative(cwd, absPath) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function toAbsolute(path: string, cwd: string): string {
  return resolve(cwd, path);
}
