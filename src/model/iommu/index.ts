// The IOMMU and device-attribution model: topology import, requester-ID resolution, attribution
// of allocation facts and the capability sizes a topology gives. Engine code: no editor imports.
import { importTopology, type LoadInput } from '../../topology/load';
import type { Topology } from '../../topology/types';
import type { FileProblem } from '../../facts/types';

export type { Topology } from '../../topology/types';
export type { AliasPair } from './alias-walk';
export type { IntelIrMode, ItsView } from './consumers';
export { ittEvents, itsEra, type ItsEra } from './consumers';
export { resolveRequesterIds, useQuirks, type AliasWalk } from './requester-ids';
export { quirksOfTree } from './tree-quirks';
export { attributeFact, type Attribution, type AttributionContext } from './attribution';
export { capabilityFor, type Capability } from './capability';
export { builtinQuirks } from './quirk-table';
export { parseQuirkSource } from './quirk-source';

export function loadTopology(input: LoadInput): { topology: Topology; problems: FileProblem[] } {
  return importTopology(input);
}
