// Finds the kernel tree a path belongs to: the nearest directory, at or above it, that has
// include/linux/msi.h (the header the era is read from).
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

function isKernelRoot(dir: string): boolean {
  return existsSync(join(dir, 'include', 'linux', 'msi.h'));
}

export function findKernelRoot(absPath: string): string | undefined {
  let dir = absPath;
  try {
    if (!statSync(absPath).isDirectory()) dir = dirname(absPath);
  } catch {
    dir = dirname(absPath);
  }
  for (;;) {
    if (isKernelRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
