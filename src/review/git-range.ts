// Turns a git range into a series with `git format-patch --stdout` (execFile, no shell). Running git
// executes repository configuration (hooks do not run, but aliases, filters and textconv can):
// editors must only offer this in a trusted workspace. The tree is the working copy, except that
// every file the range touches is read as it is at A, so the series applies to what it was made on.
import { execFile } from 'node:child_process';
import { parsePatchText } from './series';
import { PatchError, type ParsedPatch } from './types';

export interface GitSeries {
  patches: ParsedPatch[];
  /** Tree paths whose content at A differs from the working copy's (null: absent at A). */
  baseline: Map<string, string | null>;
  notes: string[];
}

/** A range git accepts and that cannot be read as an option. */
export function isSafeRange(range: string): boolean {
  const ends = range.split('..');
  return /^[A-Za-z0-9_./@^~{}:+-]+$/.test(range) && !range.includes('...') && ends.length === 2 && ends[0] !== '' && !ends.some((e) => e.startsWith('-'));
}

function run(repo: string, args: string[], label: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile('git', ['-C', repo, ...args], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new PatchError(label, 1, `git ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolveRun(stdout);
    });
  });
}

async function atRevision(repo: string, rev: string, path: string): Promise<string | null> {
  try {
    return await run(repo, ['show', `${rev}:${path}`], path);
  } catch {
    return null;
  }
}

/** The commits of `range` (e.g. "v6.11..HEAD") in `repo`, oldest first, and the files as they are at A. */
export async function readGitRange(repo: string, range: string): Promise<GitSeries> {
  const label = `git:${range}`;
  if (!isSafeRange(range)) throw new PatchError(label, 1, 'not a git range of the form A..B');
  const [from, to] = range.split('..');
  const text = await run(repo, ['format-patch', '--stdout', '-M', '--no-color', '--end-of-options', range], label);
  const patches = text.trim() === '' ? [] : await parsePatchText(text, label);
  const paths = new Set(patches.flatMap((p) => p.files.flatMap((f) => [f.oldPath, f.newPath])).filter((p): p is string => p !== null));
  const baseline = new Map<string, string | null>();
  for (const path of paths) baseline.set(path, await atRevision(repo, from, path));
  const head = (await run(repo, ['rev-parse', 'HEAD'], label)).trim();
  // --verify: without it git before 2.43 echoes "--end-of-options" as if it were a revision.
  const tip = (await run(repo, ['rev-parse', '--verify', '--end-of-options', to || 'HEAD'], label)).trim();
  const notes =
    head === tip ? [] : [`the working copy is at ${head.slice(0, 12)}, not at ${to || 'HEAD'}: files outside the range are read from the working copy`];
  return { patches, baseline, notes };
}
