// What a check gives back, to every face: the one result type (the CLI prints it, the server
// publishes it per directory and caches it on disk, review diffs two of them).
import type { EraInfo } from '../facts/types';
import type { Finding } from '../vocabulary/finding';
import type { Layout } from '../vocabulary/layout';
import type { DeviceMap, MapSnapshot } from '../vocabulary/snapshot';

export interface CheckResult {
  layout: Layout;
  era: EraInfo;
  findings: Finding[];
  map: MapSnapshot;
}

/** What checkPart returns: plain data, so a part can be checked in a worker thread. */
export interface PartResult {
  findings: Finding[];
  devices: DeviceMap[];
}
