// Joining two branch states (after if/else, switch, loops): what both branches surely hold
// stays definite, anything present on one side only (or possible on either) becomes possible.
import { coalesce, sameSite } from './blocks';
import type { Block, DeviceStoreState, DomainSlotState, Presence, StoreState } from './types';

export function join(a: StoreState, b: StoreState): StoreState {
  const devices: Record<string, DeviceStoreState> = {};
  const keys = [...new Set([...Object.keys(a.devices), ...Object.keys(b.devices)])].sort();
  for (const k of keys) devices[k] = joinDevice(a.devices[k], b.devices[k], k);
  return { config: a.config, devices };
}

/** Join any number of branch states (a switch with several cases). */
export function joinAll(states: StoreState[]): StoreState {
  if (!states.length) throw new Error('joinAll: no states');
  return states.slice(1).reduce((acc, s) => join(acc, s), states[0]!);
}

function absentDevice(key: string): DeviceStoreState {
  return { key, caps: {}, pciModes: ['none'], managed: 'no', pcimRelease: 'no', platformData: 'no', domains: [] };
}

function joinDevice(x: DeviceStoreState | undefined, y: DeviceStoreState | undefined, key: string): DeviceStoreState {
  const a = x ?? absentDevice(key);
  const b = y ?? absentDevice(key);
  const ids = [...new Set([...a.domains.map((d) => d.domain), ...b.domains.map((d) => d.domain)])].sort((p, q) => p - q);
  return {
    key,
    caps: { ...b.caps, ...a.caps },
    pciModes: [...new Set([...a.pciModes, ...b.pciModes])].sort(),
    managed: presence(a.managed, b.managed),
    pcimRelease: presence(a.pcimRelease, b.pcimRelease),
    platformData: presence(a.platformData, b.platformData),
    domains: ids.map((id) =>
      joinSlot(
        a.domains.find((d) => d.domain === id),
        b.domains.find((d) => d.domain === id),
        id,
      ),
    ),
  };
}

function presence(a: Presence, b: Presence): Presence {
  return a === b ? a : 'maybe';
}

function joinSlot(x: DomainSlotState | undefined, y: DomainSlotState | undefined, domain: number): DomainSlotState {
  const a = x ?? y!;
  const b = y ?? x!;
  const sameSize = a.hwsize === b.hwsize && x && y;
  return {
    domain,
    exists: x && y ? presence(a.exists, b.exists) : a.exists === 'no' ? 'no' : 'maybe',
    hwsize: sameSize ? a.hwsize : a.hwsize === b.hwsize ? a.hwsize : null,
    hwsizeMin: Math.min(a.hwsizeMin, b.hwsizeMin),
    hwsizeSource: a.hwsizeSource === b.hwsizeSource ? a.hwsizeSource : `${a.hwsizeSource} or ${b.hwsizeSource}`,
    kind: a.kind === b.kind ? a.kind : `${a.kind}|${b.kind}`,
    blocks: joinBlocks(x?.blocks ?? [], y?.blocks ?? []),
  };
}

/** Per owner site: the overlap of both sides keeps the weaker certainty, the rest is possible. */
export function joinBlocks(a: Block[], b: Block[]): Block[] {
  const out: Block[] = [];
  for (const blk of a) {
    const peers = b.filter((o) => sameSite(o.site, blk.site));
    out.push(...overlapWith(blk, peers));
    out.push(...uncovered(blk, peers).map((p) => ({ ...p, certainty: 'possible' as const })));
  }
  for (const blk of b) {
    const peers = a.filter((o) => sameSite(o.site, blk.site));
    out.push(...uncovered(blk, peers).map((p) => ({ ...p, certainty: 'possible' as const })));
  }
  return coalesce(out);
}

function overlapWith(blk: Block, peers: Block[]): Block[] {
  const out: Block[] = [];
  for (const p of peers) {
    const first = Math.max(blk.first, p.first);
    const last = Math.min(blk.last, p.last);
    if (first > last) continue;
    const certainty = blk.certainty === 'definite' && p.certainty === 'definite' ? 'definite' : 'possible';
    const nvecUsed =
      blk.nvecUsed && p.nvecUsed
        ? {
            min: Math.min(blk.nvecUsed.min, p.nvecUsed.min),
            max: blk.nvecUsed.max === null || p.nvecUsed.max === null ? null : Math.max(blk.nvecUsed.max, p.nvecUsed.max),
          }
        : blk.nvecUsed;
    out.push({ ...blk, first, last, certainty, associated: blk.associated || p.associated, ...(nvecUsed ? { nvecUsed } : {}) });
  }
  return out;
}

/** Parts of blk that no peer covers. */
function uncovered(blk: Block, peers: Block[]): Block[] {
  let parts: Block[] = [{ ...blk }];
  for (const p of peers) {
    parts = parts.flatMap((q) => {
      if (p.last < q.first || p.first > q.last) return [q];
      const rest: Block[] = [];
      if (q.first < p.first) rest.push({ ...q, last: p.first - 1 });
      if (q.last > p.last) rest.push({ ...q, first: p.last + 1 });
      return rest;
    });
  }
  return parts;
}
