// The engine's public check API: replay a tree's MSI facts against the descriptor-store model
// and return findings and the index-space map. The CLI, the language server and the patch
// review call these; none of them reimplements a rule.
import type { DeviceClass, EraInfo, TreeFacts } from '../facts/types';
import { buildMap, buildSimulation } from '../model/map';
import { replayTree, type ReplayOptions, type WalkReport } from '../model/replay/run';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import type { DeviceMap, MapSnapshot, SimulationResult } from '../vocabulary/snapshot';
import type { StoreConfig } from '../model/store/types';
import { attributionSteps, type AttributionContext } from './attribution';
import './attribution/register';
import { compareFindings, type Finding, type RuleCode, type Severity } from '../vocabulary/finding';
import { descsLockFindings } from './descs-lock';
import { eraApiFindings } from './era-apis';
import { findingsFromReports } from './from-events';
import { capInTruncatedFunctions } from './truncated-functions';

export interface CheckOptions {
  /** Default 'auto': the tree's own era. */
  layout?: 'auto' | Layout;
  partitions?: Partition[];
  severity?: Partial<Record<RuleCode, Severity | 'off'>>;
  /** A parsed topology (the IOMMU model's type); passed through to the attribution steps. */
  topology?: unknown;
  /** DRIVER=BDF bindings for attribution. */
  bindings?: Record<string, string>;
}

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

export interface DeviceSummary {
  key: string;
  label: string;
  class: DeviceClass;
  files: string[];
}

/** The layout `auto` picks: the tree's own era. */
export function layoutFor(era: EraInfo, choice: CheckOptions['layout']): Layout {
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

function attributionContext(layout: Layout, opts: CheckOptions): AttributionContext {
  return { layout, topology: opts.topology, bindings: opts.bindings ?? {} };
}

function replayOptions(tree: TreeFacts, opts: CheckOptions): { layout: Layout; ctx: AttributionContext; replay: ReplayOptions } {
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

function replay(tree: TreeFacts, opts: CheckOptions): { layout: Layout; reports: WalkReport[] } {
  const { layout, replay } = replayOptions(tree, opts);
  return { layout, reports: replayTree(tree, replay) };
}

function applySeverity(findings: Finding[], overrides: CheckOptions['severity']): Finding[] {
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
export function checkPart(tree: TreeFacts, opts: CheckOptions): PartResult {
  const { layout, replay } = replayOptions(tree, opts);
  const reports = replayTree(tree, replay);
  const findings = capInTruncatedFunctions([...findingsFromReports(reports, { layout, era: tree.era }), ...eraApiFindings(tree), ...descsLockFindings(tree)], tree);
  return { findings, devices: buildMap(reports, findings, layout, tree.era, opts.partitions ?? []).devices };
}

/** The whole tree's result from its parts: attribution and severity settings apply here. */
export function mergeParts(tree: TreeFacts, opts: CheckOptions, parts: PartResult[]): CheckResult {
  const layout = layoutFor(tree.era, opts.layout);
  const ctx = attributionContext(layout, opts);
  const devices = parts.flatMap((p) => p.devices).sort((a, b) => a.key.localeCompare(b.key));
  const map: MapSnapshot = { layout, era: tree.era, partitions: opts.partitions ?? [], devices };
  let findings = parts.flatMap((p) => p.findings);
  for (const step of attributionSteps()) if (step.findings) findings.push(...step.findings(tree, ctx, map));
  findings = applySeverity(findings, opts.severity).sort(compareFindings);
  return { layout, era: tree.era, findings, map };
}

export function checkTree(tree: TreeFacts, opts: CheckOptions): CheckResult {
  return mergeParts(tree, opts, [checkPart(tree, opts)]);
}

export function listDevices(tree: TreeFacts): DeviceSummary[] {
  const { map } = checkTree(tree, { layout: 'auto' });
  return map.devices.map((d) => ({ key: d.key, label: d.label, class: d.class, files: d.files }));
}

/** Devices whose key equals the expression, or whose expression part equals it. */
export function matchDevices(tree: TreeFacts, expr: string, opts: CheckOptions): string[] {
  const keys = checkTree(tree, opts).map.devices.map((d) => d.key);
  const exact = keys.filter((k) => k === expr);
  if (exact.length) return exact;
  return keys.filter((k) => k.slice(k.lastIndexOf(':') + 1) === expr || k.endsWith(`/${expr}`));
}

export function simulate(tree: TreeFacts, deviceKey: string, opts: CheckOptions): SimulationResult {
  const { layout, reports } = replay(tree, opts);
  const findings = applySeverity(capInTruncatedFunctions(findingsFromReports(reports, { layout, era: tree.era }), tree), opts.severity);
  return buildSimulation(reports, deviceKey, layout, findings);
}

export { checkPaths } from './check-paths';
export type { Finding, RuleCode, Severity } from '../vocabulary/finding';
