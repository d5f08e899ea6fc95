// The hook through which the IOMMU / attribution model (src/model/iommu) joins a check:
// it may add attr/* findings and give device capabilities (MSI-X table size, MSI count)
// that msi/msix-table-overflow and msi/multi-msi-limit need. Registered steps run in order.
import type { TreeFacts } from '../facts/types';
import type { DeviceCaps } from '../model/store/types';
import type { Layout } from '../vocabulary/layout';
import type { MapSnapshot } from '../vocabulary/snapshot';
import type { Finding } from '../vocabulary/finding';

export interface AttributionContext {
  layout: Layout;
  /** --topology FILE content, already parsed by the caller (the IOMMU module's type). */
  topology?: unknown;
  /** --bind DRIVER=BDF pairs. */
  bindings: Record<string, string>;
}

export interface AttributionStep {
  /** Capabilities of a device (key as in DeviceMap.key), when a topology gives them. */
  caps?(tree: TreeFacts, ctx: AttributionContext, device: { key: string; text: string; file: string }): DeviceCaps | undefined;
  /** attr/* findings, after the replay; may read the map. */
  findings?(tree: TreeFacts, ctx: AttributionContext, map: MapSnapshot): Finding[];
}

const steps: AttributionStep[] = [];

export function registerAttribution(step: AttributionStep): void {
  steps.push(step);
}

export function attributionSteps(): readonly AttributionStep[] {
  return steps;
}
