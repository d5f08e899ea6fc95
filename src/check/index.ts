// The rules, as the engine calls them: pure functions from a tree's replay reports (and its
// facts) to findings. Nothing here schedules, caches or reads a file.
import type { TreeFacts } from '../facts/types';
import type { WalkReport } from '../model/replay/run';
import type { Finding } from '../vocabulary/finding';
import type { Layout } from '../vocabulary/layout';
import { descsLockFindings } from './descs-lock';
import { eraApiFindings } from './era-apis';
import { findingsFromReports } from './from-events';
import { capInTruncatedFunctions } from './truncated-functions';

/** Every rule's findings on one replayed tree (attribution runs on the merged map: attribution.ts). */
export function findingsOfReplay(reports: WalkReport[], tree: TreeFacts, layout: Layout): Finding[] {
  return capInTruncatedFunctions([...findingsFromReports(reports, { layout, era: tree.era }), ...eraApiFindings(tree), ...descsLockFindings(tree)], tree);
}

/** The findings a simulation shows at its steps: the replay's own, without the tree-wide rules. */
export function findingsOfSimulation(reports: WalkReport[], tree: TreeFacts, layout: Layout): Finding[] {
  return capInTruncatedFunctions(findingsFromReports(reports, { layout, era: tree.era }), tree);
}

export { attributionSteps, type AttributionContext } from './attribution';
