// Joins the attribution rules and the topology's capability sizes to checkTree through the
// hook in src/check/attribution.ts. Imported once for its side effect by src/engine/check-tree.ts.
import { attributeFact, capabilityFor } from '../../model/iommu/index';
import type { MapSnapshot } from '../../vocabulary/snapshot';
import type { TreeFacts } from '../../facts/types';
import { registerAttribution, type AttributionContext } from '../attribution';
import type { Finding } from '../../vocabulary/finding';
import { applyTreeQuirks, asTopology } from './context';
import { attributionFindings } from './index';

function capsFor(tree: TreeFacts, ctx: AttributionContext, device: { key: string; text: string; file: string }) {
  const { topology } = asTopology(ctx.topology);
  if (!topology) return undefined;
  applyTreeQuirks(topology, tree);
  const ff = tree.files.find((f) => f.file === device.file);
  const local = device.key.slice(device.file.length + 1);
  if (!ff || !ff.facts.some((x) => x.device?.class === 'pci' && (x.device.key === local || x.device.key === device.key))) return undefined;
  const cap = capabilityFor(topology, ctx.bindings, { file: ff.file, drivers: ff.drivers, pciIds: ff.pciIds });
  if (!cap || cap.msixTableSize === undefined || cap.msiCount === undefined) return undefined;
  return { msixTableSize: cap.msixTableSize, msiCount: cap.msiCount };
}

/** Fills DeviceMap.attribution (owner, requester IDs, chain) for the map and hovers. */
function annotateMap(tree: TreeFacts, ctx: AttributionContext, map: MapSnapshot): void {
  const { topology } = asTopology(ctx.topology);
  for (const d of map.devices) {
    if (d.attribution) continue;
    const fact = tree.files
      .filter((f) => d.files.includes(f.file))
      .flatMap((f) => f.facts)
      .find((x) => x.device && (d.key === `${x.file}:${x.device.key}` || d.key === x.device.key));
    if (!fact) continue;
    const a = attributeFact(fact, { tree, ...(topology ? { topology } : {}), bindings: ctx.bindings });
    d.attribution = {
      owner: `${a.owner.text} (${a.owner.class}${a.originatingFunction ? `, written by ${a.originatingFunction}` : ''})`,
      requesterIds: a.requesterIds,
      chain: a.chain,
    };
  }
}

function findings(tree: TreeFacts, ctx: AttributionContext, map: MapSnapshot): Finding[] {
  // An unusable topology path was already reported by whoever loaded it; rules that need one are skipped.
  const { topology } = asTopology(ctx.topology);
  if (topology) applyTreeQuirks(topology, tree);
  annotateMap(tree, ctx, map);
  return attributionFindings(tree, { ...(topology ? { topology } : {}), bindings: ctx.bindings });
}

registerAttribution({ caps: capsFor, findings });
