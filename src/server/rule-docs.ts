// Where a rule's explanation lives: docs/rules/<code with '/' replaced by '-'>.md inside the
// installed package (e.g. docs/rules/msi-index-conflict.md), linked as a file: URI so it works
// offline and matches the installed version.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package root: the nearest ancestor of `from` holding docs/rules (dist/ and out/src/server/ both work). */
export function findPackageRoot(from: string): string | null {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'docs', 'rules'))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export function ruleDocFile(code: string): string {
  return join('docs', 'rules', `${code.replace(/\//g, '-')}.md`);
}

/** A resolver from rule code to doc URI; undefined when the doc is not installed. */
export function ruleDocResolver(packageRoot: string | null): (code: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (code) => {
    if (!packageRoot) return undefined;
    if (!cache.has(code)) {
      const file = join(packageRoot, ruleDocFile(code));
      cache.set(code, existsSync(file) ? pathToFileURL(file).href : undefined);
    }
    return cache.get(code);
  };
}
