// The custom requests (irqlens/map, irqlens/simulate, irqlens/devices) and the
// workspace/executeCommand commands that give every editor the same results.
import { readUserText } from '../workspace/file-reader';
import { ErrorCodes, ExecuteCommandRequest, ResponseError, type Connection } from 'vscode-languageserver';
import { isLayout, layouts, type Layout } from '../vocabulary/layout';
import {
  IrqlensErrorCode,
  IrqlensRequest,
  IrqlensServerCommand,
  type DeviceSummary,
  type MapResult,
  type RescanResult,
  type ReviewPatchResult,
  type SimulationResultWithRoot,
} from '../protocol/requests';
import { toWireMap, toWireSimulation } from '../protocol/conversions';
import { AnalysisState } from './analysis-state';
import type { BackgroundScan } from './background-scan';
import type { ServerSettings } from './config';
import type { AnalysisSettings, Engine } from './engine';
import type { GroupChecker } from './group-checker';
import type { DocumentSource } from './open-documents';
import type { PatchDocuments } from './patch-documents';
import { guard } from './guard';
import { invalid, params } from './params';

export interface RequestContext {
  engine: Engine;
  patches: PatchDocuments;
  documents: DocumentSource;
  state: AnalysisState;
  checker: GroupChecker;
  scan: BackgroundScan;
  settings: ServerSettings;
  checkOptions: AnalysisSettings;
}

/** Params are untrusted JSON: check each field, name the bad one. */
function readScope(raw: unknown, state: AnalysisState): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw invalid('scope: expected a file or folder URI string');
  const rel = state.paths.relFromUri(raw);
  if (rel === null) throw invalid(`scope: not a file: URI: ${raw}`);
  return rel;
}

function readLayout(raw: unknown): Layout | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string' || !isLayout(raw)) throw invalid(`layout: expected one of ${layouts.join(', ')}`);
  return raw;
}

/**
 * The map of the scope. In the configured layout it is assembled from the per-directory results
 * the diagnostics came from (checking only directories not checked yet), so asking for the map
 * of a whole kernel tree does not re-run every rule on the server's thread; another layout is
 * computed afresh.
 */
export function mapRequest(raw: unknown, ctx: RequestContext): MapResult {
  const p = params(raw);
  const files = ctx.state.scoped(readScope(p.scope, ctx.state));
  const layout = readLayout(p.layout);
  const groups = [...new Set(files.map((f) => AnalysisState.groupOf(f.file)))];
  if ((layout && layout !== ctx.checkOptions.layout) || groups.length === 0) {
    const opts = layout ? { ...ctx.checkOptions, layout } : ctx.checkOptions;
    return { ...toWireMap(ctx.engine.check(files, ctx.state.era, opts).map), rootUri: ctx.state.paths.rootUri };
  }
  const maps = groups.map((g) => toWireMap((ctx.checker.resultForGroup(g) ?? ctx.checker.checkGroup(g)).map));
  const first = maps[0]!;
  return { layout: first.layout, era: first.era, partitions: first.partitions, devices: maps.flatMap((m) => m.devices), rootUri: ctx.state.paths.rootUri };
}

export function simulateRequest(raw: unknown, ctx: RequestContext): SimulationResultWithRoot {
  const p = params(raw);
  if (typeof p.device !== 'string' || p.device === '') throw invalid('device: expected a device key (see irqlens/devices)');
  if (p.function !== undefined && typeof p.function !== 'string') throw invalid('function: expected a function name');
  const device = p.device;
  // A device key is "<file>:<expression>": without a scope, replay that file's driver directory only.
  const scope = readScope(p.scope, ctx.state) ?? (device.includes(':') ? device.slice(0, device.lastIndexOf(':')) : null);
  const files = ctx.state.scoped(scope);
  const layout = readLayout(p.layout);
  const opts = layout ? { ...ctx.checkOptions, layout } : ctx.checkOptions;
  const result = toWireSimulation(ctx.engine.simulate(files, ctx.state.era, device, opts));
  if (result.steps.length === 0 && !devicesRequest(scope === null ? {} : { scope: ctx.state.paths.uriFromRel(scope) }, ctx).some((d) => d.key === device)) {
    throw new ResponseError(IrqlensErrorCode.unknownDevice, `unknown device '${device}' (see irqlens/devices)`);
  }
  const fn = p.function;
  const steps = typeof fn === 'string' ? result.steps.filter((s) => s.site.function === fn) : result.steps;
  return { ...result, steps, rootUri: ctx.state.paths.rootUri };
}

/** The devices of the scope's map (so from the results the diagnostics came from). */
export function devicesRequest(raw: unknown, ctx: RequestContext): DeviceSummary[] {
  const p = params(raw);
  const map = mapRequest(p.scope === undefined ? {} : { scope: p.scope }, ctx);
  return map.devices.map((d) => ({ key: d.key, label: d.label, class: d.class, files: d.files }));
}

/** irqlens/reviewPatch: the open buffer's text when the patch is open, else the file on disk. */
async function reviewPatchRequest(raw: unknown, ctx: RequestContext): Promise<ReviewPatchResult> {
  const p = params(raw);
  if (typeof p.uri !== 'string') throw invalid('uri: expected the URI of a .patch/.diff/.mbx/.mbox file');
  const layout = readLayout(p.layout);
  const rel = readScope(p.uri, ctx.state)!;
  let text = ctx.documents.get(p.uri)?.getText();
  if (text === undefined) {
    const read = readUserText(ctx.state.paths.absFromRel(rel));
    if (!read.ok) throw invalid(`uri: cannot read ${rel}: ${read.message.replace(/^cannot read: /, '')}`);
    text = read.text;
  }
  return ctx.patches.review(text, rel, layout);
}

async function rescan(ctx: RequestContext): Promise<RescanResult> {
  await ctx.scan.start(ctx.settings);
  const { error, warning, info } = ctx.checker.status().counts;
  return { files: ctx.state.all().length, findings: error + warning + info };
}

export function registerCustomRequests(connection: Connection, context: () => RequestContext, log: (m: string) => void): void {
  connection.onRequest(
    IrqlensRequest.map,
    guard(log, (p: unknown) => mapRequest(p, context())),
  );
  connection.onRequest(
    IrqlensRequest.simulate,
    guard(log, (p: unknown) => simulateRequest(p, context())),
  );
  connection.onRequest(
    IrqlensRequest.devices,
    guard(log, (p: unknown) => devicesRequest(p, context())),
  );
  connection.onRequest(
    IrqlensRequest.reviewPatch,
    guard(log, (p: unknown) => reviewPatchRequest(p, context())),
  );
  // By method name, not onExecuteCommand: that reads params.workDoneToken before any check.
  connection.onRequest(
    ExecuteCommandRequest.method,
    guard(log, async (raw: unknown): Promise<unknown> => {
      const p = params(raw);
      if (p.arguments !== undefined && !Array.isArray(p.arguments)) throw invalid('arguments: expected an array');
      const arg: unknown = p.arguments?.[0];
      switch (p.command) {
        case IrqlensServerCommand.showMap:
          return mapRequest(arg, context());
        case IrqlensServerCommand.simulate:
          return simulateRequest(arg, context());
        case IrqlensServerCommand.devices:
          return devicesRequest(arg, context());
        case IrqlensServerCommand.rescan:
          return rescan(context());
        default:
          throw new ResponseError(ErrorCodes.InvalidParams, `unknown command '${String(p.command)}'`);
      }
    }),
  );
}
