// Stepping through a simulated allocation: the editor follows the current call (selection and a
// decoration with the step's outcome), the map shows the store after the step, and the
// irqlens.simulating context key enables the Next / Previous / Stop commands and keys.
import * as vscode from 'vscode';
import type { SimulationResultWithRoot } from '../protocol/requests';
import type { SimulationStep } from '../protocol/simulation';
import { revealSite, toVscodeRange } from './locations';
import { log } from './log';
import { MapPanel } from './map-panel';
import { executeCommand } from './typed-commands';

const decoration = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  border: '1px solid',
  borderColor: new vscode.ThemeColor('focusBorder'),
  after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em' },
});

function stepText(step: SimulationStep, total: number): string {
  const errno = step.errno ? ` (${step.errno})` : '';
  const findings = step.findings.length ? `; ${step.findings.map((f) => f.code).join(', ')}` : '';
  return `step ${step.index + 1}/${total}: ${step.operation} -> ${step.outcome}${errno}${findings}`;
}

export class SimulationSession {
  static current: SimulationSession | undefined;
  private position = -1;
  private editor: vscode.TextEditor | undefined;

  private constructor(readonly result: SimulationResultWithRoot) {}

  static async start(result: SimulationResultWithRoot): Promise<SimulationSession> {
    SimulationSession.current?.stop();
    const s = new SimulationSession(result);
    SimulationSession.current = s;
    await executeCommand('setContext', 'irqlens.simulating', true);
    log().info(
      `Simulation of ${result.device} (${result.layout} layout, ${result.order} order${result.entry ? ` from ${result.entry}` : ''}): ${result.steps.length} operations.`,
    );
    // the map beside the editor shows the store after each step
    await executeCommand('irqlens.showMap', result.device);
    await s.go(0);
    return s;
  }

  get current(): number {
    return this.position;
  }

  async go(position: number): Promise<number> {
    const steps = this.result.steps;
    if (steps.length === 0) return this.position;
    this.position = Math.max(0, Math.min(steps.length - 1, position));
    const step = steps[this.position];
    if (!step) return this.position;
    const text = stepText(step, steps.length);
    log().info(`${this.result.device} ${text} at ${step.site.file}:${step.site.range.line}`);
    this.editor?.setDecorations(decoration, []);
    this.editor = await revealSite(this.result.rootUri, step.site);
    this.editor.setDecorations(decoration, [{ range: toVscodeRange(step.site.range), renderOptions: { after: { contentText: text } } }]);
    MapPanel.current?.showStep(this.result.device, step, this.position, steps.length);
    return this.position;
  }

  next(): Promise<number> {
    return this.go(this.position + 1);
  }

  previous(): Promise<number> {
    return this.go(this.position - 1);
  }

  stop(): void {
    this.editor?.setDecorations(decoration, []);
    MapPanel.current?.endSimulation();
    if (SimulationSession.current === this) SimulationSession.current = undefined;
    void executeCommand('setContext', 'irqlens.simulating', false);
  }
}
