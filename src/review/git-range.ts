// Turns a git range into a series with `git format-patch --stdout` (execFile, no shell). Running git
// executes repository configuration (hooks do not run, but aliases, filters and textconv can):
// editors must only offer this in a trusted workspace.
import { execFile } from 'node:child_process';
import { parsePatchText } from './series';
import { PatchError, type ParsedPatch } from './types';

/** A range git accepts and that cannot be read as an option. */
export function isSafeRange(range: string): boolean {
  return /^[A-Za-z0-9_./@^~{}:+-]+$/.test(range) && !range.startsWith('-') && range.includes('..');
}

function run(repo: string, args: string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    execFile('git', ['-C', repo, ...args], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new PatchError(`git:${args[args.length - 1]}`, 1, `git ${args.join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolveRun(stdout);
    });
  });
}

/** The commits of `range` (e.g. "v6.11..HEAD") in `repo`, oldest first, as parsed patches. */
export async function readGitRange(repo: string, range: string): Promise<ParsedPatch[]> {
  if (!isSafeRange(range)) throw new PatchError(`git:${range}`, 1, 'not a git range of the form A..B');
  const text = await run(repo, ['format-patch', '--stdout', '-M', '--no-color', range]);
  if (text.trim() === '') return [];
  return parsePatchText(text, `git:${range}`);
}
