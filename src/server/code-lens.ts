// textDocument/codeLens: "Simulate (N operations)" over each function that allocates, running
// irqlens.server.simulate for that function's device (off unless irqlens.codeLens.enable).
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { IrqlensServerCommand, type SimulateParams } from '../protocol/requests';
import type { AnalysisState } from './analysis-state';
import { deviceOfFact } from './fact-lookup';
import type { GroupChecker } from './group-checker';
import { toLspRange } from './locations';

export interface CodeLensContext {
  state: AnalysisState;
  checker: GroupChecker;
}

export function codeLenses(params: CodeLensParams, ctx: CodeLensContext): CodeLens[] {
  const rel = ctx.state.paths.relFromUri(params.textDocument.uri);
  const facts = rel === null ? undefined : ctx.state.facts(rel);
  if (rel === null || !facts) return [];
  const map = ctx.checker.resultFor(rel)?.map;
  const lenses: CodeLens[] = [];
  for (const fn of facts.functions) {
    const ops = facts.facts.filter((f) => f.function === fn.name);
    const alloc = ops.find((f) => f.kind === 'alloc' || f.kind === 'insert');
    const device = alloc && deviceOfFact(map, alloc);
    if (!alloc || !device) continue;
    const args: SimulateParams = { device: device.key, function: fn.name, scope: params.textDocument.uri };
    const title = `Simulate (${ops.length} operation${ops.length === 1 ? '' : 's'})`;
    lenses.push({ range: toLspRange(fn.range), command: { title, command: IrqlensServerCommand.simulate, arguments: [args] } });
  }
  return lenses;
}
