// Says what a patch changes in the map: allocations that appear, disappear or move between domains
// or index ranges, per device, e.g. "IMS allocations of idxd move from domain 0 to domain 1".
import type { AllocationBlock, DeviceMap, MapSnapshot } from '../vocabulary/snapshot';
import type { MapChange } from './types';

interface Placed {
  api: string;
  domain: number;
  first: number;
  last: number;
  certainty: AllocationBlock['certainty'];
}

/** Allocations per API; one range held definitely on some path and possibly on another counts once, as definite. */
function placements(d: DeviceMap): Placed[] {
  const all = d.domains.flatMap((dom) =>
    dom.allocations.map((a) => ({ api: a.site.api, domain: dom.domain, first: a.first, last: a.last, certainty: a.certainty })),
  );
  const key = (p: Placed) => `${p.api}|${p.domain}|${p.first}|${p.last}`;
  const definite = new Set(all.filter((p) => p.certainty === 'definite').map(key));
  const seen = new Set<string>();
  return all.filter((p) => {
    const k = `${key(p)}|${p.certainty}`;
    if (seen.has(k) || (p.certainty === 'possible' && definite.has(key(p)))) return false;
    seen.add(k);
    return true;
  });
}

/** Indices as kernel people write them: small ones in decimal, window-sized ones in hex. */
const num = (n: number) => (n >= 0x1000 ? `0x${n.toString(16)}` : String(n));
const fmt = (p: Placed) =>
  `domain ${p.domain} ${p.first === p.last ? `index ${num(p.first)}` : `${num(p.first)}..${num(p.last)}`}${p.certainty === 'possible' ? ' (possible)' : ''}`;
const same = (a: Placed, b: Placed) => a.domain === b.domain && a.first === b.first && a.last === b.last && a.certainty === b.certainty;

function byApi(list: Placed[]): Map<string, Placed[]> {
  const m = new Map<string, Placed[]>();
  for (const p of list) m.set(p.api, [...(m.get(p.api) ?? []), p]);
  return m;
}

function deviceChanges(device: string, before: Placed[], after: Placed[]): MapChange[] {
  const changes: MapChange[] = [];
  const b = byApi(before);
  const a = byApi(after);
  for (const api of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const was = (b.get(api) ?? []).filter((p) => !(a.get(api) ?? []).some((q) => same(p, q)));
    const now = (a.get(api) ?? []).filter((p) => !(b.get(api) ?? []).some((q) => same(p, q)));
    if (was.length === 0 && now.length === 0) continue;
    if (was.length === 0) changes.push({ device, text: `${api} allocations of ${device} added: ${now.map(fmt).join(', ')}` });
    else if (now.length === 0) changes.push({ device, text: `${api} allocations of ${device} removed: ${was.map(fmt).join(', ')}` });
    else changes.push({ device, text: `${api} allocations of ${device} move from ${was.map(fmt).join(', ')} to ${now.map(fmt).join(', ')}` });
  }
  return changes;
}

function attributionText(d: DeviceMap): string {
  const at = d.attribution;
  if (!at) return 'unknown';
  return at.requesterIds.length > 0 ? `${at.owner} (requester ID ${at.requesterIds.join(', ')})` : at.owner;
}

/** Who the IOMMU and the interrupt remapper see as the writer of this device's MSI messages. */
function attributionChange(device: string, before: DeviceMap, after: DeviceMap): MapChange[] {
  const ids = (d: DeviceMap) => [...(d.attribution?.requesterIds ?? [])].sort().join(',');
  if (ids(before) === ids(after)) return []; // the owner's text alone changes with the code; the IDs are what the IOMMU sees
  return [{ device, text: `MSI writes of ${device} are attributed to ${attributionText(after)} instead of ${attributionText(before)}` }];
}

function renameKey(key: string, rename: (file: string) => string): string {
  const colon = key.lastIndexOf(':');
  return colon < 0 ? key : `${rename(key.slice(0, colon))}${key.slice(colon)}`;
}

/** `rename` maps a before-path to its after-path (renamed files keep their devices). */
export function diffMaps(before: MapSnapshot, after: MapSnapshot, rename: (file: string) => string = (f) => f): MapChange[] {
  const changes: MapChange[] = [];
  if (before.layout !== after.layout) changes.push({ device: '', text: `store layout changes from ${before.layout} to ${after.layout}` });
  const old = new Map(before.devices.map((d) => [renameKey(d.key, rename), d]));
  const neu = new Map(after.devices.map((d) => [d.key, d]));
  for (const key of [...new Set([...old.keys(), ...neu.keys()])].sort()) {
    const b = old.get(key);
    const a = neu.get(key);
    const shown = a ?? b;
    const label = shown ? `${shown.label}${shown.files[0] ? ` (${shown.files[0]})` : ''}` : key;
    changes.push(...deviceChanges(label, b ? placements(b) : [], a ? placements(a) : []));
    if (b && a) changes.push(...attributionChange(label, b, a));
  }
  return changes;
}
