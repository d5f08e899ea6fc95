// #include resolution inside the patched tree, mirroring the workspace include reader (the including
// file's directory for "x.h", then include/ and the arch's include/), but reading the overlay so a
// patched header is seen by the files that include it.
import { posix } from 'node:path';
import type { TreeReader } from './overlay';

function systemDirs(fromTreePath: string): string[] {
  const parts = fromTreePath.split('/');
  const arch = parts[0] === 'arch' && parts[1] ? parts[1] : 'x86';
  return ['include', `arch/${arch}/include`, 'include/uapi', `arch/${arch}/include/uapi`];
}

/** A reader for extractFileFacts: `toTree` turns the facts' cwd-relative path into a tree path. */
export function overlayIncludes(tree: TreeReader, toTree: (file: string) => string): (fromFile: string, spec: string, quoted: boolean) => string | undefined {
  return (fromFile, spec, quoted) => {
    const from = toTree(fromFile);
    const dirs = quoted ? [posix.dirname(from), ...systemDirs(from)] : systemDirs(from);
    for (const dir of dirs) {
      const path = posix.normalize(dir === '.' ? spec : `${dir}/${spec}`);
      if (path.startsWith('../')) continue;
      const text = tree.read(path);
      if (text !== undefined) return text;
    }
    return undefined;
  };
}
