// Real MSI bugs in Debian's trees, each found and checked by reading the driver and the kernel core
// (data/known-bugs.tsv; docs/real-tree-findings.md, "Recall"). The real-tree check must report each
// at least at the severity the row names, by tree, rule, file and the function the finding sits in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../../src/vocabulary/finding';
import { dataDir } from './ground-truth';

export interface KnownBug {
  tree: string;
  rule: string;
  file: string;
  function: string;
  /** The weakest severity it may be reported at; `speculative`: reported by `check --speculative`. */
  atLeast: Severity | 'speculative';
  shape: string;
  what: string;
}

export function readKnownBugs(): KnownBug[] {
  const out: KnownBug[] = [];
  for (const line of readFileSync(join(dataDir, 'known-bugs.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [tree, rule, file, fn, atLeast, shape, what] = line.split('\t');
    if (
      !tree ||
      !rule ||
      !file ||
      !fn ||
      !shape ||
      !what ||
      (atLeast !== 'error' && atLeast !== 'warning' && atLeast !== 'info' && atLeast !== 'speculative')
    ) {
      throw new Error(`known-bugs.tsv: seven tab-separated fields expected (the fifth error, warning, info or speculative): ${line}`);
    }
    out.push({ tree, rule, file, function: fn, atLeast, shape, what });
  }
  return out;
}
