// Where the real-tree suites find Debian's kernel sources, which version each tree is, and whether
// the suites run: one place for all of them. KERNEL_SRC_DIR names the directory the trees live in
// (scripts/get-kernel.sh unpacks them there), and no other variable does.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The trees the real-tree suites run on, with the era each must be detected as. */
export const realTrees = [
  { tag: '6.12', era: 'per-domain' },
  { tag: '6.1', era: 'xarray' },
  { tag: '7.3', era: 'per-domain' },
] as const;

export type TreeTag = (typeof realTrees)[number]['tag'];

export function kernelBase(): string {
  return process.env['KERNEL_SRC_DIR'] || join(homedir(), '.cache', 'kernel-src');
}

export function treePath(tag: string): string {
  return join(kernelBase(), `linux-source-${tag}`);
}

/** The version the tree's top Makefile states (VERSION.PATCHLEVEL.SUBLEVEL), or 'unknown'. */
export function treeVersion(tree: string): string {
  const makefile = join(tree, 'Makefile');
  if (!existsSync(makefile)) return 'unknown';
  const text = readFileSync(makefile, 'utf8').split('\n').slice(0, 12);
  const field = (name: string): string | undefined =>
    text
      .map((l) => l.split('='))
      .find(([k]) => k?.trim() === name)?.[1]
      ?.trim();
  const parts = [field('VERSION'), field('PATCHLEVEL'), field('SUBLEVEL')].filter((p): p is string => p !== undefined && p !== '');
  return parts.length ? parts.join('.') : 'unknown';
}

/** IRQLENS_SKIP_REALTREE=1 skips every real-tree suite. */
export const skipRealTrees: string | false = process.env['IRQLENS_SKIP_REALTREE'] === '1' ? 'IRQLENS_SKIP_REALTREE=1' : false;

/** The tree's path; fails (not skips) when it is missing, naming the script that gets it. */
export function requireTree(tag: string): string {
  const tree = treePath(tag);
  if (!existsSync(join(tree, 'include', 'linux', 'msi.h'))) {
    throw new Error(`kernel tree ${tree} is missing: run scripts/get-kernel.sh ${tag} (or set IRQLENS_SKIP_REALTREE=1 to skip)`);
  }
  return tree;
}
