// Decides the era of a scan: from the kernel tree's own headers when the input is (inside) one.
import { join } from 'node:path';
import { detectEra } from '../facts/index';
import type { EraInfo } from '../facts/types';
import { readUserText } from './file-reader';

export function eraOfKernelTree(kernelRoot: string | undefined): EraInfo | undefined {
  if (!kernelRoot) return undefined;
  return detectEra((relPath) => {
    const read = readUserText(join(kernelRoot, relPath));
    return read.ok ? read.text : undefined;
  });
}
