// The engine's public check API: replay a tree's MSI facts against the descriptor-store model
// and return findings and the index-space map. The CLI, the language server and the patch
// review call these; none of them reimplements a rule.
import type { DeviceClass, EraInfo, TreeFacts } from '../facts/types';
import { buildMap, buildSimulation } from '../model/map';
import { replayTree, type WalkReport } from '../model/replay/run';
import type { Layout, MapSnapshot, Partition, SimulationResult } from '../model/snapshot';
import type { StoreConfig } from '../model/store/types';
import { attributionSteps, type AttributionContext } from './attribution';
import './attribution/register';
import { compareFindings, type Finding, type RuleCode, type Severity } from './finding';
import { findingsFromReports } from './from-events';

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
  const config: StoreConfig = { layout, tree: era.era === 'per-domain' ? '6.12' : '6.1' };
  if (layout === 'per-domain' || layout === 'partitioned') config.tree = '6.12';
  if (era.maxDeviceIrqDomains !== undefined) config.maxDeviceIrqDomains = era.maxDeviceIrqDomains;
  if (partitions?.length) config.partitions = partitions;
  return config;
}

function attributionContext(layout: Layout, opts: CheckOptions): AttributionContext {
  return { layout, topology: opts.topology, bindings: opts.bindings ?? {} };
}

function replay(tree: TreeFacts, opts: CheckOptions): { layout: Layout; reports: WalkReport[]; ctx: AttributionContext } {
  const layout = layoutFor(tree.era, opts.layout);
  const ctx = attributionContext(layout, opts);
  const steps = attributionSteps().filter((s) => s.caps);
  const reports = replayTree(tree, {
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
  });
  return { layout, reports, ctx };
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

export function checkTree(tree: TreeFacts, opts: CheckOptions): CheckResult {
  const { layout, reports, ctx } = replay(tree, opts);
  const partitions = opts.partitions ?? [];
  let findings = findingsFromReports(reports, { layout, era: tree.era });
  const map = buildMap(reports, findings, layout, tree.era, partitions);
  for (const step of attributionSteps()) if (step.findings) findings.push(...step.findings(tree, ctx, map));
  findings = applySeverity(findings, opts.severity).sort(compareFindings);
  return { layout, era: tree.era, findings, map };
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
  const findings = applySeverity(findingsFromReports(reports, { layout, era: tree.era }), opts.severity);
  return buildSimulation(reports, deviceKey, layout, findings);
}

export { checkPaths } from './check-paths';
export type { Finding, RuleCode, Severity } from './finding';
