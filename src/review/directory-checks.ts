// Checks a tree state one driver directory at a time and remembers each result, keyed by the
// directory's FileFacts objects (states share them for files a patch did not touch) and the era.
// A series then checks every directory once per change, and the cumulative diff costs nothing.
import { posix } from 'node:path';
import type { Finding } from '../vocabulary/finding';
import type { EraInfo, FileFacts } from '../facts/types';
import type { MapSnapshot } from '../vocabulary/snapshot';
import type { CheckResult, ReviewEngine } from './engine';
import type { TreeState } from './tree-state';

interface Entry {
  era: EraInfo;
  files: FileFacts[];
  outcome: CheckResult;
}

function sameFiles(a: FileFacts[], b: FileFacts[]): boolean {
  return a.length === b.length && a.every((f, k) => f === b[k]);
}

export class DirectoryChecks {
  private readonly entries = new Map<string, Entry[]>();

  constructor(
    private readonly engine: ReviewEngine,
    private readonly tree: string,
  ) {}

  private checkDir(dir: string, files: FileFacts[], era: EraInfo): CheckResult {
    const list = this.entries.get(dir) ?? [];
    const hit = list.find((e) => e.era === era && sameFiles(e.files, files));
    if (hit) return hit.outcome;
    const outcome = this.engine.checkTree({ tree: this.tree, era, files });
    list.push({ era, files, outcome });
    this.entries.set(dir, list.slice(-4));
    return outcome;
  }

  /** Findings and map of `state` over the directories in `scope` ('all': every analysed directory). */
  check(state: TreeState, scope: Set<string> | 'all'): CheckResult {
    const byDir = new Map<string, FileFacts[]>();
    for (const [path, facts] of state.facts) {
      const dir = posix.dirname(path);
      if (scope !== 'all' && !scope.has(dir)) continue;
      byDir.set(dir, [...(byDir.get(dir) ?? []), facts]);
    }
    const findings: Finding[] = [];
    const map: MapSnapshot = { layout: 'per-domain', era: state.era, partitions: [], devices: [] };
    let layout: CheckResult['layout'] | undefined;
    for (const [dir, files] of [...byDir].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const o = this.checkDir(dir, files, state.era);
      findings.push(...o.findings);
      map.devices.push(...o.map.devices);
      map.partitions = o.map.partitions;
      layout = o.layout;
    }
    layout ??= this.engine.checkTree({ tree: this.tree, era: state.era, files: [] }).layout;
    return { findings, map: { ...map, layout }, era: state.era, layout };
  }
}
