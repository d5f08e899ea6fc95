// The catalogue's API names (the same list every measured tool searches for), from the
// transpiled engine in out/.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function catalogueNames(root) {
  const transpiled = join(root, 'out', 'src', 'facts', 'catalogue.js');
  if (!existsSync(transpiled)) throw new Error('out/ is missing: run `node scripts/build.mjs` first');
  const require = createRequire(import.meta.url);
  return require(transpiled).catalogueNames();
}
