// Model -> view model for the MSI map: turns a MapSnapshot into tracks of positioned blocks
// (percentages of the visible index window), a legend and a table. Pure data, no DOM, so it
// runs under node's test runner; main.ts only turns this into elements.
import type { Layout } from '../protocol/map';
import type { Partition } from '../protocol/map';
import type { AllocationBlock, ConflictMark, DeviceMap, DomainMap, MapSnapshot } from '../protocol/map';
import type { SimulationStep } from '../protocol/simulation';
import type { SourceSite } from '../protocol/map';
import type { MapViewState } from '../protocol/webview';
import { fitWindow, formatIndex, formatRange, type IndexWindow } from './index-window-model';

/** Colour slots contributed as irqlens.map.site1..site8 (package.json contributes.colors). */
export const siteColourCount = 8;
/** A block narrower than this (percent of the track) is widened so that it stays visible and clickable. */
export const minBlockPercent = 0.6;
/** Index space of a domain whose hwsize is a run-time value: msi_index is a u16. */
export const unknownHwsizeSpace = 0x10000;

export type BlockPattern = 'solid' | 'hatched';

export interface BlockView {
  /** Unique within the track; also the focus key. */
  id: string;
  kind: 'allocation' | 'conflict';
  first: number;
  last: number;
  /** Position in percent of the visible window. */
  left: number;
  width: number;
  /** 1..siteColourCount for allocations; 0 for conflicts (the conflict colour). */
  colour: number;
  /** definite allocations and errors are solid; possible ones and warnings hatched. */
  pattern: BlockPattern;
  /** One line shown on and beside the block. */
  label: string;
  /** Full text for the tooltip and the screen reader. */
  description: string;
  site: SourceSite;
}

export interface BandView {
  name: string;
  first: number;
  last: number;
  left: number;
  width: number;
}

export interface TrackView {
  id: string;
  title: string;
  detail: string;
  space: IndexWindow;
  window: IndexWindow;
  zoomed: boolean;
  blocks: BlockView[];
  bands: BandView[];
  ticks: { left: number; label: string }[];
}

export interface DeviceView {
  key: string;
  label: string;
  detail: string;
  attribution: string[];
  tracks: TrackView[];
}

export interface LegendEntry {
  colour: number;
  label: string;
  where: string;
  site: SourceSite;
}

export interface TableRow {
  track: string;
  range: string;
  what: string;
  certainty: string;
  where: string;
  site: SourceSite;
}

export interface MapView {
  title: string;
  devices: { key: string; label: string; conflicts: number }[];
  selected?: DeviceView;
  legend: LegendEntry[];
  table: TableRow[];
  /** Shown instead of the map when there is nothing to draw. */
  empty?: string;
}

export function siteKey(site: SourceSite): string {
  return `${site.file}:${site.range.line}:${site.range.column}`;
}

export function siteText(site: SourceSite): string {
  const fn = site.function ? ` in ${site.function}()` : '';
  return `${site.file}:${site.range.line}${fn}`;
}

/** Colour slot per call site, stable for a snapshot: sites in file/line order, slots round-robin. */
export function assignSiteColours(device: DeviceMap): Map<string, number> {
  const sites = new Map<string, SourceSite>();
  for (const d of device.domains) for (const a of d.allocations) sites.set(siteKey(a.site), a.site);
  const ordered = [...sites.values()].sort((a, b) => a.file.localeCompare(b.file) || a.range.line - b.range.line || a.range.column - b.range.column);
  return new Map(ordered.map((s, i) => [siteKey(s), (i % siteColourCount) + 1]));
}

function domainName(d: DomainMap): string {
  return d.name ? `${d.name} (${d.domain})` : `domain ${d.domain}`;
}

function domainSpace(d: DomainMap): IndexWindow {
  const size = d.hwsize ?? unknownHwsizeSpace;
  return { first: d.base, last: d.base + Math.max(size, 1) - 1 };
}

/** Percent position of [first, last] inside the window, clipped, with a minimum visible width. */
export function place(first: number, last: number, window: IndexWindow): { left: number; width: number } | undefined {
  if (last < window.first || first > window.last) return undefined;
  const span = window.last - window.first + 1;
  const a = Math.max(first, window.first) - window.first;
  const b = Math.min(last, window.last) - window.first + 1;
  let left = (a / span) * 100;
  let width = ((b - a) / span) * 100;
  if (width < minBlockPercent) {
    width = minBlockPercent;
    left = Math.min(left, 100 - width);
  }
  return { left: round(left), width: round(width) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function ticks(window: IndexWindow): { left: number; label: string }[] {
  const span = window.last - window.first + 1;
  const n = span < 4 ? span : 4;
  const out: { left: number; label: string }[] = [];
  for (let i = 0; i <= n; i++) {
    const index = Math.min(window.last, window.first + Math.round((span * i) / n));
    out.push({ left: round(((index - window.first) / span) * 100), label: formatIndex(i === n ? window.last : index) });
  }
  return out;
}

function allocationBlock(a: AllocationBlock, base: number, colours: Map<string, number>, id: string, window: IndexWindow): BlockView | undefined {
  const first = base + a.first;
  const last = base + a.last;
  const pos = place(first, last, window);
  if (!pos) return undefined;
  return {
    id,
    kind: 'allocation',
    first,
    last,
    ...pos,
    colour: colours.get(siteKey(a.site)) ?? 1,
    pattern: a.certainty === 'definite' ? 'solid' : 'hatched',
    label: a.label,
    description: `${a.certainty} ${formatRange(first, last)}: ${a.label} at ${siteText(a.site)}`,
    site: a.site,
  };
}

function conflictBlock(c: ConflictMark, base: number, id: string, window: IndexWindow): BlockView | undefined {
  const first = base + c.first;
  const last = base + c.last;
  const pos = place(first, last, window);
  if (!pos) return undefined;
  return {
    id,
    kind: 'conflict',
    first,
    last,
    ...pos,
    colour: 0,
    pattern: c.severity === 'error' ? 'solid' : 'hatched',
    label: c.code,
    description: `${c.severity} ${c.code} at ${formatRange(first, last)}: ${c.message} (${siteText(c.site)})`,
    site: c.site,
  };
}

/** Default window size of the partitioned layout (msi-semantics §1.8): window d is d × 0x10000 … + 0xffff. */
export const defaultWindowSize = 0x10000;

/**
 * The windows to draw: the configured ones, or the default one per domain (at least the two of the
 * 2021 proposal) when the snapshot carries none.
 */
export function effectivePartitions(snapshot: MapSnapshot): Partition[] {
  if (snapshot.partitions.length > 0) return snapshot.partitions;
  const maxDomain = Math.max(1, ...snapshot.devices.flatMap((d) => d.domains.map((m) => m.domain)));
  return Array.from({ length: maxDomain + 1 }, (_, d) => ({
    name: `window ${d} (domain ${d})`,
    domain: d,
    first: d * defaultWindowSize,
    last: (d + 1) * defaultWindowSize - 1,
  }));
}

interface TrackSource {
  id: string;
  title: string;
  detail: string;
  space: IndexWindow;
  parts: { base: number; domain: DomainMap }[];
  partitions: Partition[];
}

function trackSources(device: DeviceMap, layout: Layout, partitions: Partition[]): TrackSource[] {
  if (layout === 'partitioned' && partitions.length > 0) {
    const first = Math.min(...partitions.map((p) => p.first));
    const last = Math.max(...partitions.map((p) => p.last));
    const title = 'single store, partitioned';
    const detail = partitions.map((p) => `${p.name}: ${formatRange(p.first, p.last)}`).join('; ');
    // allocations are domain-local: place them at their domain's window
    const base = (d: DomainMap): number => partitions.find((p) => p.domain === d.domain)?.first ?? d.base;
    return [{ id: `${device.key}#store`, title, detail, space: { first, last }, parts: device.domains.map((d) => ({ base: base(d), domain: d })), partitions }];
  }
  return device.domains.map((d) => ({
    id: `${device.key}#${d.domain}`,
    title: domainName(d),
    detail: `hwsize ${d.hwsize === null ? 'unknown' : formatIndex(d.hwsize)} (${d.hwsizeSource})${d.mode ? `, mode ${d.mode}` : ''}`,
    space: domainSpace({ ...d, base: 0 }),
    parts: [{ base: 0, domain: d }],
    partitions: [],
  }));
}

function usedExtent(src: TrackSource): IndexWindow | undefined {
  const ranges = src.parts.flatMap((p) => [...p.domain.allocations, ...p.domain.conflicts].map((r) => ({ first: p.base + r.first, last: p.base + r.last })));
  if (ranges.length === 0) return undefined;
  return { first: Math.min(...ranges.map((r) => r.first)), last: Math.max(...ranges.map((r) => r.last)) };
}

function buildTrack(src: TrackSource, colours: Map<string, number>, state: MapViewState): TrackView {
  const saved = state.zoom[src.id];
  const window =
    saved && saved.first >= src.space.first && saved.last <= src.space.last && saved.first <= saved.last ? saved : fitWindow(usedExtent(src), src.space);
  const blocks: BlockView[] = [];
  src.parts.forEach((p, pi) => {
    p.domain.allocations.forEach((a, i) => {
      const b = allocationBlock(a, p.base, colours, `a${pi}.${i}`, window);
      if (b) blocks.push(b);
    });
    p.domain.conflicts.forEach((c, i) => {
      const b = conflictBlock(c, p.base, `c${pi}.${i}`, window);
      if (b) blocks.push(b);
    });
  });
  blocks.sort((x, y) => x.first - y.first || (x.kind === y.kind ? 0 : x.kind === 'allocation' ? -1 : 1));
  const bands = src.partitions.flatMap((p) => {
    const pos = place(p.first, p.last, window);
    return pos ? [{ name: p.name, first: p.first, last: p.last, ...pos }] : [];
  });
  const zoomed = window.first !== src.space.first || window.last !== src.space.last;
  return { id: src.id, title: src.title, detail: src.detail, space: src.space, window, zoomed, blocks, bands, ticks: ticks(window) };
}

function deviceView(device: DeviceMap, snapshot: MapSnapshot, state: MapViewState): DeviceView {
  const colours = assignSiteColours(device);
  const a = device.attribution;
  return {
    key: device.key,
    label: device.label,
    detail: `${device.class} device; ${device.files.join(', ')}`,
    attribution: a ? [`owner: ${a.owner}`, `requester IDs: ${a.requesterIds.length ? a.requesterIds.join(', ') : 'unknown'}`, ...a.chain] : [],
    tracks: trackSources(device, snapshot.layout, effectivePartitions(snapshot)).map((s) => buildTrack(s, colours, state)),
  };
}

function legend(device: DeviceMap): LegendEntry[] {
  const colours = assignSiteColours(device);
  const seen = new Map<string, LegendEntry>();
  for (const d of device.domains) {
    for (const a of d.allocations) {
      const k = siteKey(a.site);
      if (!seen.has(k)) seen.set(k, { colour: colours.get(k) ?? 1, label: a.label, where: siteText(a.site), site: a.site });
    }
  }
  return [...seen.values()].sort((x, y) => x.colour - y.colour);
}

function table(device: DeviceMap, snapshot: MapSnapshot): TableRow[] {
  const rows: TableRow[] = [];
  const windows = snapshot.layout === 'partitioned' ? effectivePartitions(snapshot) : [];
  for (const d of device.domains) {
    const base = windows.find((w) => w.domain === d.domain)?.first ?? 0;
    for (const a of d.allocations) {
      rows.push({
        track: domainName(d),
        range: formatRange(base + a.first, base + a.last),
        what: a.label,
        certainty: a.certainty,
        where: siteText(a.site),
        site: a.site,
      });
    }
    for (const c of d.conflicts) {
      rows.push({
        track: domainName(d),
        range: formatRange(base + c.first, base + c.last),
        what: `${c.code}: ${c.message}`,
        certainty: c.severity,
        where: siteText(c.site),
        site: c.site,
      });
    }
  }
  return rows;
}

function conflictCount(device: DeviceMap): number {
  return device.domains.reduce((n, d) => n + d.conflicts.length, 0);
}

export function buildMapView(snapshot: MapSnapshot, state: MapViewState): MapView {
  const title = `MSI map: ${snapshot.layout} layout, ${snapshot.era.label}`;
  const devices = snapshot.devices.map((d) => ({ key: d.key, label: d.label, conflicts: conflictCount(d) }));
  const device = snapshot.devices.find((d) => d.key === state.device) ?? snapshot.devices[0];
  if (!device) {
    return { title, devices, legend: [], table: [], empty: 'No MSI allocations found in the analysed files.' };
  }
  return { title, devices, selected: deviceView(device, snapshot, state), legend: legend(device), table: table(device, snapshot) };
}

/** The store after one simulation step, drawn like the map (the step's own blocks are the ones at its site). */
export interface StepView {
  title: string;
  outcome: string;
  tracks: TrackView[];
  /** Site key of the step's call, to highlight its blocks. */
  current: string;
}

export function buildStepView(step: SimulationStep, position: number, total: number, snapshot: MapSnapshot, device: string, state: MapViewState): StepView {
  const windows = new Map(effectivePartitions(snapshot).map((p) => [p.domain, p.first]));
  const partitioned = snapshot.layout === 'partitioned';
  const map: DeviceMap = {
    key: `${device}@step`,
    label: device,
    class: 'unknown',
    files: [],
    domains: step.state.map((d) => ({
      domain: d.domain,
      hwsize: d.hwsize,
      hwsizeSource: 'as simulated',
      base: partitioned ? (windows.get(d.domain) ?? 0) : 0,
      mode: d.mode,
      allocations: d.occupied.map((o) => ({
        first: o.first,
        last: o.last,
        certainty: o.certainty,
        site: o.site,
        label: `${o.site.api}() at ${siteText(o.site)}`,
      })),
      conflicts: [],
    })),
  };
  const errno = step.errno ? ` (${step.errno})` : '';
  const findings = step.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`);
  return {
    title: `Simulation of ${device}, step ${position + 1}/${total}: ${step.operation}`,
    outcome: [`${step.outcome}${errno}${step.note ? `: ${step.note}` : ''}`, ...findings].join('\n'),
    tracks: deviceView(map, snapshot, state).tracks,
    current: siteKey(step.site),
  };
}
