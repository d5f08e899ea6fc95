// Where a worker's script is: next to the calling bundle in dist/, next to the calling module in
// out/ (tests run the transpiled sources), else in the package's dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `here`: the calling module's __dirname (in out/ every module has its own). */
export function resolveWorkerScript(file: string, here: string, what: string): string {
  const candidates = [join(here, file)];
  for (let dir = here; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      candidates.push(join(dir, 'dist', file));
      break;
    }
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`irqlens: ${what} not found (looked for ${candidates.join(', ')}); run the build first`);
  return found;
}
