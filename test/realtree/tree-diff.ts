// `diff -u` of one file between two kernel trees, with git-style a/ b/ labels ('' when identical):
// how the real-tree review suites build a patch from two Debian trees.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function treeDiff(oldTree: string, newTree: string, path: string): string {
  const a = join(oldTree, path);
  const b = join(newTree, path);
  const args = [
    '-u',
    '--label',
    existsSync(a) ? `a/${path}` : '/dev/null',
    '--label',
    existsSync(b) ? `b/${path}` : '/dev/null',
    existsSync(a) ? a : '/dev/null',
    existsSync(b) ? b : '/dev/null',
  ];
  try {
    return execFileSync('diff', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    const out = (err as { stdout?: unknown }).stdout;
    if (typeof out === 'string') return out; // diff exits 1 when the files differ
    throw err;
  }
}
