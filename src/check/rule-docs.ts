// Where a rule's explanation lives: docs/rules/<code with '/' replaced by '-'>.md inside the
// installed package (e.g. docs/rules/msi-index-conflict.md), linked as a file: URI so it works
// offline and matches the installed version.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package root: the nearest ancestor of `from` holding docs/rules (dist/ and out/src/check/ both work). */
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

/** A resolver from rule code to the installed page as a file: URI (undefined when it is not installed). */
export function ruleDocResolver(packageRoot: string | null): (code: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (code) => {
    if (!cache.has(code)) {
      const file = packageRoot ? join(packageRoot, ruleDocFile(code)) : null;
      cache.set(code, file && existsSync(file) ? pathToFileURL(file).href : undefined);
    }
    return cache.get(code);
  };
}

/** The doc page of a rule in the package this code runs from (dist/ or out/src/check/). */
export const installedRuleDoc = ruleDocResolver(findPackageRoot(__dirname));
