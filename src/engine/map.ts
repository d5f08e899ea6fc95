// The index-space map (MapSnapshot) and the step-by-step simulation (SimulationResult) built
// from the replay's events: what each device's domains held and where conflicts were raised.
import type { EraInfo } from '../facts/types';
import type { Finding } from '../vocabulary/finding';
import type { AppliedEvent } from '../model/replay/replay-state';
import type { WalkReport } from '../model/replay/run';
import { domainStates } from '../model/replay/store-port';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import type { AllocationBlock, DeviceMap, DomainMap, MapSnapshot, SimulationResult, SimulationStep } from '../vocabulary/snapshot';
import { show } from '../model/store/interval';
import type { StoreOp } from '../model/store/types';

function opText(op: StoreOp): string {
  const rest = Object.entries(op)
    .filter(([k]) => k !== 'op' && k !== 'device' && k !== 'site')
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null && 'min' in v ? show(v as { min: number; max: number | null }) : JSON.stringify(v)}`);
  return `${op.op}${rest.length ? ` ${rest.join(' ')}` : ''}`;
}

function deviceLabel(key: string): { label: string; file: string } {
  const i = key.lastIndexOf(':');
  return { label: key.slice(i + 1), file: key.slice(0, i) };
}

function domainOf(maps: Map<number, DomainMap>, d: number, hwsize: number | null, source: string, base: number): DomainMap {
  let m = maps.get(d);
  if (!m) {
    m = { domain: d, hwsize, hwsizeSource: source, base, allocations: [], conflicts: [] };
    maps.set(d, m);
  }
  return m;
}

export function buildMap(reports: WalkReport[], findings: Finding[], layout: Layout, era: EraInfo, partitions: Partition[]): MapSnapshot {
  const devices = new Map<string, { events: AppliedEvent[]; domains: Map<number, DomainMap>; cls: DeviceMap['class'] }>();
  for (const r of reports) {
    for (const e of r.events) {
      if (e.kind !== 'op') continue;
      const d = devices.get(e.device) ?? { events: [] as AppliedEvent[], domains: new Map<number, DomainMap>(), cls: e.fact.device?.class ?? 'unknown' };
      d.events.push(e);
      devices.set(e.device, d);
    }
  }
  const out: DeviceMap[] = [];
  for (const [key, d] of devices) {
    const seen = new Set<string>();
    for (const e of d.events) {
      const dev = e.state.devices[key];
      if (!dev) continue;
      for (const s of dev.domains) {
        const dm = domainOf(d.domains, s.domain, s.hwsize, s.hwsizeSource, partitions.find((p) => p.domain === s.domain)?.first ?? 0);
        dm.hwsize = s.hwsize;
        const mode = dev.pciModes.length === 1 ? dev.pciModes[0] : undefined;
        if (s.domain === 0 && mode) dm.mode = mode;
        for (const b of s.blocks) {
          const k = `${s.domain}:${b.first}:${b.last}:${b.certainty}:${b.site.file}:${b.site.range.line}:${b.site.range.column}`;
          if (seen.has(k)) continue;
          seen.add(k);
          const block: AllocationBlock = { first: b.first, last: b.last, certainty: b.certainty, site: b.site, label: b.label };
          dm.allocations.push(block);
        }
      }
    }
    for (const f of findings) {
      if (f.device !== key || !f.code.startsWith('msi/')) continue;
      const fact = d.events.find((e) => e.fact.file === f.file && e.fact.range.line === f.range.line && e.fact.range.column === f.range.column);
      const c = fact?.outcome.collisions[0];
      const dm = domainOf(d.domains, c?.domain ?? 0, null, 'unknown', 0);
      dm.conflicts.push({
        first: c?.first ?? 0,
        last: c?.last ?? 0,
        code: f.code,
        severity: f.severity,
        message: f.message,
        site: { file: f.file, range: f.range, function: fact?.fact.function ?? '', api: fact?.fact.api ?? '' },
      });
    }
    const { label, file } = deviceLabel(key);
    out.push({ key, label, class: d.cls, files: [file], domains: [...d.domains.values()].sort((a, b) => a.domain - b.domain) });
  }
  out.sort((a, b) => a.key.localeCompare(b.key));
  return { layout, era, partitions, devices: out };
}

/** Every operation on one device in replay order, with the store state after it. */
export function buildSimulation(reports: WalkReport[], device: string, layout: Layout, findings: Finding[]): SimulationResult {
  const steps: SimulationStep[] = [];
  let order: SimulationResult['order'] = 'function';
  let entry: string | undefined;
  const seen = new Set<string>();
  for (const r of reports) {
    for (const e of r.events) {
      if (e.kind !== 'op' || e.device !== device) continue;
      if (r.walk.kind !== 'alone') {
        order = 'probe';
        entry ??= r.walk.entry.name;
      }
      const state = domainStates(e.state, device);
      const k = `${e.fact.file}:${e.fact.range.line}:${e.fact.range.column}:${JSON.stringify(state)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const here = findings.filter((f) => f.file === e.fact.file && f.range.line === e.fact.range.line && f.range.column === e.fact.range.column);
      const step: SimulationStep = {
        index: steps.length,
        site: { file: e.fact.file, range: e.fact.range, function: e.fact.function, api: e.fact.api },
        operation: opText(e.op),
        outcome: e.outcome.status,
        note: e.outcome.note,
        findings: here.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
        state,
      };
      if (e.outcome.errno) step.errno = e.outcome.errno;
      steps.push(step);
    }
  }
  const result: SimulationResult = { device, layout, order, steps };
  if (entry) result.entry = entry;
  return result;
}
