// Real MSI bugs in Debian's trees, each found and checked by reading the driver and the kernel core
// (data/known-bugs.tsv; docs/real-tree-findings.md, "Recall"). The real-tree check must report each
// at warning or error severity, named by tree, rule, file and the function the finding sits in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './ground-truth';

export interface KnownBug {
  tree: string;
  rule: string;
  file: string;
  function: string;
  shape: string;
  what: string;
}

export function readKnownBugs(): KnownBug[] {
  const out: KnownBug[] = [];
  for (const line of readFileSync(join(dataDir, 'known-bugs.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [tree, rule, file, fn, shape, what] = line.split('\t');
    if (!tree || !rule || !file || !fn || !shape || !what) throw new Error(`known-bugs.tsv: six tab-separated fields expected: ${line}`);
    out.push({ tree, rule, file, function: fn, shape, what });
  }
  return out;
}
