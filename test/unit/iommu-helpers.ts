// Builds hand-written topologies for the IOMMU tests through the real JSON importer.
import assert from 'node:assert/strict';
import { loadTopology, type Topology } from '../../src/model/iommu/index';

export type Fn = Record<string, unknown> & { bdf: string; pcie: string };

export function topo(functions: Fn[], extra: Record<string, unknown> = {}): Topology {
  const { topology, problems } = loadTopology({ text: JSON.stringify({ functions, ...extra }, null, 1), format: 'json' });
  assert.deepEqual(problems, []);
  return topology;
}

export const rootPort = (bdf: string, secondary: number, subordinate = secondary, acs = true): Fn => ({
  bdf,
  pcie: 'root-port',
  id: '8086:1e10',
  bus: { secondary, subordinate },
  acs,
});
