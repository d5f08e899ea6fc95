// textDocument/hover over an MSI call: gathers the map, simulation and attribution for the call
// and renders them (hover-text.ts).
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { AnalysisState } from './analysis-state';
import type { DocumentSource } from './open-documents';
import type { SimulationResult } from '../vocabulary/snapshot';
import type { CheckResult, Engine } from './engine';
import { deviceOfFact, factAt, findingsOnCall, siteIsFact } from './fact-lookup';
import type { GroupChecker } from './group-checker';
import { renderHover } from './hover-text';
import { toLspRange } from './locations';
import { escapeControls } from '../protocol/display-text';

export interface HoverContext {
  documents: DocumentSource;
  state: AnalysisState;
  checker: GroupChecker;
  engine: Engine;
}

/** Simulations per check result and device: hovering along a driver replays it once, not per hover. */
const simulations = new WeakMap<CheckResult, Map<string, SimulationResult>>();

function simulationOf(result: CheckResult, device: string, run: () => SimulationResult): SimulationResult {
  let byDevice = simulations.get(result);
  if (!byDevice) simulations.set(result, (byDevice = new Map()));
  let sim = byDevice.get(device);
  if (!sim) byDevice.set(device, (sim = run()));
  return sim;
}

export function hoverAt(params: HoverParams, ctx: HoverContext): Hover | null {
  const rel = ctx.state.paths.relFromUri(params.textDocument.uri);
  if (rel === null) return null;
  const fact = factAt(ctx.state.facts(rel), params.position.line, params.position.character);
  if (!fact) return null;
  const result = ctx.checker.resultFor(rel);
  const device = deviceOfFact(result?.map, fact);
  const blocks = device?.domains.flatMap((d) => d.allocations.filter((a) => siteIsFact(a.site, fact))) ?? [];
  const files = ctx.state.group(rel);
  const opts = ctx.checker.checkOptions();
  let before;
  if (device && result) {
    const sim = simulationOf(result, device.key, () => ctx.engine.simulate(files, ctx.state.era, device.key, opts));
    const at = sim.steps.findIndex((s) => siteIsFact(s.site, fact));
    if (at >= 0) before = at === 0 ? [] : sim.steps[at - 1]!.state;
  }
  const value = renderHover({
    fact,
    era: ctx.state.era,
    layout: result?.layout ?? opts.layout ?? 'per-domain',
    device,
    blocks,
    before,
    attribution: ctx.engine.attribute(fact, files, ctx.state.era, opts),
    findings: findingsOnCall(result?.findings ?? [], fact),
  });
  return { contents: { kind: MarkupKind.Markdown, value: escapeControls(value) }, range: toLspRange(fact.callRange) };
}
