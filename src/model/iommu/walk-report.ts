// One function's requester-ID resolution in full, for `irqlens topology FILE --device BDF`:
// every pair the kernel's walk emits and what each consumer takes from it.
import { formatRid } from '../../topology/bdf';
import type { Topology } from '../../topology/types';
import { describePair } from './alias-walk';
import { resolveRequesterIds } from './requester-ids';

export function formatWalk(topology: Topology, bdf: string): string | undefined {
  const w = resolveRequesterIds(topology, bdf);
  if (!w) return undefined;
  const rids = (xs: number[]): string => xs.map(formatRid).join(', ');
  const lines = [
    `${w.device}: pci_for_each_dma_alias emits`,
    ...w.pairs.map((p, i) => `  ${i + 1}. ${describePair(p)}`),
    ...(w.unknownAliases ? ['  +  aliases from the Switchtec requester-ID table (read from hardware at boot: unknown)'] : []),
    ...(w.stoppedAt ? [`  stops below ${w.stoppedAt} (PCI_DEV_FLAGS_BRIDGE_XLATE_ROOT)`] : []),
    `IOMMU group: ${w.group ? `${w.group.id} (${w.group.source === 'dump' ? 'from the dump' : 'derived'}; the walk ends at ${w.group.anchor})` : 'none in the dump'}`,
    `Intel IR (set_msi_sid case ${w.intelIr.case}): ${w.intelIr.text}`,
    `ITS: rid ${formatRid(w.its.rid)}${w.its.deviceId !== undefined ? ` -> DeviceID ${w.its.deviceId} (msi-map)` : ''}; ${w.its.proxy ? `proxy device ${w.its.aliasDev}, alias count ${w.its.aliasCount}${w.its.aliasCountPartial ? ' (some sizes unknown)' : ''}` : 'no proxy'}`,
    `AMD IRT installed at: ${rids(w.amdIrt)}`,
    `SMMU stream IDs (before iommu-map): ${rids(w.smmuStreamIds)}`,
    ...w.assumptions.map((a) => `assumed: ${a}`),
  ];
  return lines.join('\n') + '\n';
}
