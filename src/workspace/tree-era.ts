// Decides the era of a scan: from the kernel tree's own headers when the input is (inside) one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEra } from '../facts/index';
import type { EraInfo } from '../facts/types';

export function eraOfKernelTree(kernelRoot: string | undefined): EraInfo | undefined {
  if (!kernelRoot) return undefined;
  return detectEra((relPath) => {
    try {
      return readFileSync(join(kernelRoot, relPath), 'utf8');
    } catch {
      return undefined;
    }
  });
}
