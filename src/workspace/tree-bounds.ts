// Confinement of reads to the trees the user named, by REAL path: a symbolic link inside a tree
// that leads outside it is refused, naming the link, as `git apply` refuses a path "beyond a
// symbolic link". Checked on the opened descriptor, so a link swapped after the check cannot
// redirect the read.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

function realOrResolved(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/** The real path of an open descriptor (Linux's /proc), else of the path it was opened by. */
function realOfOpen(fd: number, absPath: string): string {
  try {
    const linked = readlinkSync(`/proc/self/fd/${fd}`);
    if (linked.startsWith('/') && !linked.endsWith(' (deleted)')) return linked;
  } catch {
    // no /proc (macOS, a sandbox): resolve the path instead
  }
  return realOrResolved(absPath);
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export class TreeBounds {
  private readonly realRoots: string[];

  /** `roots`: absolute directories (or files named explicitly); `shown` names paths in messages. */
  constructor(
    readonly roots: readonly string[],
    private readonly shown: (abs: string) => string = (abs) => relative(process.cwd(), abs) || abs,
  ) {
    this.realRoots = roots.map(realOrResolved);
  }

  /** Undefined when the open file lies in a root; else why it is refused, naming the link. */
  refusalOfOpen(fd: number, absPath: string): string | undefined {
    return this.contains(realOfOpen(fd, absPath)) ? undefined : this.beyondLink(absPath);
  }

  /** Undefined when `absPath` (a directory, say) resolves into a root; else why it is refused. */
  refusalOfPath(absPath: string): string | undefined {
    return this.contains(realOrResolved(absPath)) ? undefined : this.beyondLink(absPath);
  }

  private contains(real: string): boolean {
    return this.realRoots.some((root) => within(real, root));
  }

  /** Names the first symbolic link on the way from the root to `absPath`. */
  private beyondLink(absPath: string): string {
    const abs = resolve(absPath);
    const root = this.roots.find((r) => within(abs, resolve(r))) ?? dirname(abs);
    const parts = relative(root, abs)
      .split(sep)
      .filter((p) => p !== '');
    let at = resolve(root);
    for (const part of parts) {
      at = resolve(at, part);
      const target = linkTarget(at);
      if (target !== undefined) return `beyond a symbolic link: ${this.shown(at)} -> ${target} leads outside the tree; ${this.shown(abs)} not read`;
    }
    return `outside the tree: ${this.shown(abs)} not read`;
  }
}

function linkTarget(abs: string): string | undefined {
  try {
    return lstatSync(abs).isSymbolicLink() ? readlinkSync(abs) : undefined;
  } catch {
    return undefined;
  }
}
