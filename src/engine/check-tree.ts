// One tree's check, on this thread: replay its MSI facts against the descriptor-store model, turn
// the replay into findings (src/check's rules) and draw the index-space map (map.ts). The Engine
// (engine.ts) schedules these over threads; none of its callers reimplements a rule.
import type { DeviceClass, EraInfo, TreeFacts } from '../facts/types';
import type { Options } from './options';
import type { CheckResult, PartResult } from './result';
import { buildMap, buildSimulation } from './map';
import { replayTree, type ReplayOptions, type WalkReport } from '../model/replay/run';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import type { MapSnapshot, SimulationResult } from '../vocabulary/snapshot';
import type { StoreConfig } from '../model/store/types';
import { attributionSteps, findingsOfReplay, findingsOfSimulation, type AttributionContext } from '../check/index';
import '../check/attribution/register';
import { compareFindings, shown, type Finding } from '../vocabulary/finding';

export interface DeviceSummary {
  key: string;
  label: string;
  class: DeviceClass;
  files: string[];
}

/** The layout `auto` picks: the tree's own era. */
export function layoutFor(era: EraInfo, choice: Options['layout']): Layout {
  return choice === undefined || choice === 'auto' ? era.era : choice;
}

function storeConfig(era: EraInfo, layout: Layout, partitions: Partition[] | undefined): StoreConfig {
  const modern = era.generation === '7.x' ? '7.x' : '6.12';
  const config: StoreConfig = { layout, tree: era.era === 'per-domain' ? modern : '6.1' };
  if (layout === 'per-domain' || layout === 'partitioned') config.tree = modern;
  if (era.maxDeviceIrqDomains !== undefined) config.maxDeviceIrqDomains = era.maxDeviceIrqDomains;
  if (partitions?.length) config.partitions = partitions;
  return config;
}

function attributionContext(layout: Layout, opts: Options): AttributionContext {
  return { layout, topology: opts.topology, bindings: opts.bindings ?? {} };
}

function replayOptions(tree: TreeFacts, opts: Options): { layout: Layout; ctx: AttributionContext; replay: ReplayOptions } {
  const layout = layoutFor(tree.era, opts.layout);
  const ctx = attributionContext(layout, opts);
  const steps = attributionSteps().filter((s) => s.caps);
  const replay: ReplayOptions = {
    store: storeConfig(tree.era, layout, opts.partitions),
    caps: steps.length
      ? (key, text) => {
          const file = key.slice(0, key.lastIndexOf(':'));
          for (const s of steps) {
            const c = s.caps?.(tree, ctx, { key, text, file });
            if (c) return c;
          }
          return undefined;
        }
      : undefined,
  };
  return { layout, ctx, replay };
}

function replay(tree: TreeFacts, opts: Options): { layout: Layout; reports: WalkReport[] } {
  const { layout, replay } = replayOptions(tree, opts);
  return { layout, reports: replayTree(tree, replay) };
}

function applySeverity(findings: Finding[], overrides: Options['severity']): Finding[] {
  if (!overrides) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const o = overrides[f.code];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : f);
  }
  return out;
}

/** The replay of part of a tree (some whole directories), its findings and its devices' maps. */
export function checkPart(tree: TreeFacts, opts: Options): PartResult {
  const { layout, replay } = replayOptions(tree, opts);
  const reports = replayTree(tree, replay);
  const findings = findingsOfReplay(reports, tree, layout);
  return { findings, devices: buildMap(reports, findings, layout, tree.era, opts.partitions ?? []).devices };
}

/** The whole tree's result from its parts: attribution and severity settings apply here. */
export function mergeParts(tree: TreeFacts, opts: Options, parts: PartResult[]): CheckResult {
  const layout = layoutFor(tree.era, opts.layout);
  const ctx = attributionContext(layout, opts);
  const devices = parts.flatMap((p) => p.devices).sort((a, b) => a.key.localeCompare(b.key));
  const map: MapSnapshot = { layout, era: tree.era, partitions: opts.partitions ?? [], devices };
  let findings = parts.flatMap((p) => p.findings);
  for (const step of attributionSteps()) if (step.findings) findings.push(...step.findings(tree, ctx, map));
  findings = shown(applySeverity(findings, opts.severity), opts.speculative).sort(compareFindings);
  return { layout, era: tree.era, findings, map };
}

export function checkTree(tree: TreeFacts, opts: Options): CheckResult {
  return mergeParts(tree, opts, [checkPart(tree, opts)]);
}

export function listDevices(tree: TreeFacts): DeviceSummary[] {
  const { map } = checkTree(tree, { layout: 'auto' });
  return map.devices.map((d) => ({ key: d.key, label: d.label, class: d.class, files: d.files }));
}

/** Devices whose key equals the expression, or whose expression part equals it. */
export function matchDevices(tree: TreeFacts, expr: string, opts: Options): string[] {
  const keys = checkTree(tree, opts).map.devices.map((d) => d.key);
  const exact = keys.filter((k) => k === expr);
  if (exact.length) return exact;
  return keys.filter((k) => k.slice(k.lastIndexOf(':') + 1) === expr || k.endsWith(`/${expr}`));
}

export function simulate(tree: TreeFacts, deviceKey: string, opts: Options): SimulationResult {
  const { layout, reports } = replay(tree, opts);
  const findings = shown(applySeverity(findingsOfSimulation(reports, tree, layout), opts.severity), opts.speculative);
  return buildSimulation(reports, deviceKey, layout, findings);
}
