// Every contributed command, as a table of id -> handler with the context injected, typed by the
// command map (command-map.ts). Handlers take optional arguments that skip their pickers, so
// scripts, keybindings and tests can run them; as those come from outside, each still checks them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeviceSummary } from '../protocol/requests';
import type { Layout } from '../protocol/map';
import { isLayoutSetting, layoutChoices, readConfig, requestLayout, updateSetting, type LayoutSetting } from './config';
import type { ExtensionCommandId, ExtensionCommands } from './command-map';
import type { ExtensionCtx } from './context';
import { log } from './log';
import { MapPanel, type MapSource } from './map-panel';
import { reviewPatch } from './review-patch';
import { SimulationSession } from './simulation';
import { registerCommand } from './typed-commands';

type Handler<K extends ExtensionCommandId> = (ctx: ExtensionCtx, ...args: ExtensionCommands[K]) => unknown;

function mapSource(ctx: ExtensionCtx): MapSource {
  return (params) => ctx.request('irqlens/map', params);
}

async function pickDevice(ctx: ExtensionCtx): Promise<DeviceSummary | undefined> {
  const devices = await ctx.request('irqlens/devices', {});
  if (devices.length === 0) {
    void vscode.window.showInformationMessage('IRQ Lens: no device that allocates MSI descriptors was found in the analysed files.');
    return undefined;
  }
  const item = await vscode.window.showQuickPick(
    devices.map((d) => ({ label: d.label, description: d.class, detail: d.files.join(', '), device: d })),
    { title: 'IRQ Lens: Simulate Allocation (1/2)', placeHolder: 'Device', matchOnDetail: true },
  );
  return item?.device;
}

async function pickLayout(title: string): Promise<LayoutSetting | undefined> {
  const current = readConfig().layout;
  const item = await vscode.window.showQuickPick(
    layoutChoices.map((c) => ({ label: c.label, detail: c.detail, description: c.value === current ? 'current' : undefined, value: c.value })),
    { title, placeHolder: 'Store layout' },
  );
  return item?.value;
}

async function simulate(ctx: ExtensionCtx, deviceArg?: string, layoutArg?: LayoutSetting): Promise<number | undefined> {
  const device = typeof deviceArg === 'string' ? deviceArg : (await pickDevice(ctx))?.key;
  if (!device) return undefined;
  const layoutChoice = isLayoutSetting(layoutArg)
    ? layoutArg
    : typeof deviceArg === 'string'
      ? readConfig().layout
      : await pickLayout('IRQ Lens: Simulate Allocation (2/2)');
  if (!layoutChoice) return undefined;
  const layout: Layout | undefined = layoutChoice === 'auto' ? undefined : layoutChoice;
  const result = await ctx.request('irqlens/simulate', { device, ...(layout ? { layout } : {}) });
  if (result.steps.length === 0) {
    void vscode.window.showInformationMessage(`IRQ Lens: no MSI operations to simulate for ${device}.`);
    return 0;
  }
  await SimulationSession.start(result);
  return result.steps.length;
}

async function showMap(ctx: ExtensionCtx, device?: string): Promise<string[]> {
  const layout = requestLayout();
  await MapPanel.show(ctx.extensionUri, mapSource(ctx), { ...(layout ? { layout } : {}), ...(typeof device === 'string' ? { device } : {}) });
  return MapPanel.probe.lastDevices;
}

async function showInMap(ctx: ExtensionCtx, uriArg?: vscode.Uri, positionArg?: vscode.Position): Promise<string[]> {
  const editor = vscode.window.activeTextEditor;
  const uri = uriArg instanceof vscode.Uri ? uriArg : editor?.document.uri;
  const pos = positionArg instanceof vscode.Position ? positionArg : editor?.selection.active;
  const layout = requestLayout(uri);
  const focus = uri && pos ? { uri: uri.toString(), line: pos.line + 1, column: pos.character + 1 } : undefined;
  await MapPanel.show(ctx.extensionUri, mapSource(ctx), { ...(layout ? { layout } : {}), ...(focus ? { focus, scope: uri?.toString() } : {}) });
  return MapPanel.probe.lastDevices;
}

function relativeToWorkspace(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.fsPath;
}

async function loadTopology(_ctx: ExtensionCtx, uriArg?: vscode.Uri): Promise<string | undefined> {
  const uri =
    uriArg instanceof vscode.Uri
      ? uriArg
      : (
          await vscode.window.showOpenDialog({
            title: 'IRQ Lens: Load Topology',
            canSelectMany: false,
            openLabel: 'Load',
            filters: { 'Topology (lspci -D -vvnn output or JSON)': ['json', 'txt', 'lspci'], 'All files': ['*'] },
          })
        )?.[0];
  if (!uri) return undefined;
  const setting = relativeToWorkspace(uri);
  await updateSetting('topology', setting);
  log().info(`Topology set to ${setting}; the server re-reads it.`);
  return setting;
}

async function chooseLayout(_ctx: ExtensionCtx, layoutArg?: LayoutSetting): Promise<LayoutSetting | undefined> {
  const layout = isLayoutSetting(layoutArg) ? layoutArg : await pickLayout('IRQ Lens: Choose Store Layout');
  if (!layout) return undefined;
  await updateSetting('layout', layout);
  log().info(`Store layout set to ${layout}.`);
  return layout;
}

async function restartServer(ctx: ExtensionCtx): Promise<void> {
  log().info('Restarting the IRQ Lens server on request.');
  if (ctx.client.isRunning()) await ctx.client.restart();
  else await ctx.client.start();
}

export const commandTable: { [K in ExtensionCommandId]: Handler<K> } = {
  'irqlens.simulate': simulate,
  'irqlens.showMap': showMap,
  'irqlens.showInMap': showInMap,
  'irqlens.loadTopology': loadTopology,
  'irqlens.chooseLayout': chooseLayout,
  'irqlens.reviewPatch': reviewPatch,
  'irqlens.showLog': () => log().show(true),
  'irqlens.restartServer': restartServer,
  'irqlens.simulation.next': () => SimulationSession.current?.next(),
  'irqlens.simulation.previous': () => SimulationSession.current?.previous(),
  'irqlens.simulation.stop': () => SimulationSession.current?.stop(),
};

/** Registers one command: its handler with the context, an error logged and shown, not thrown. */
function register<K extends ExtensionCommandId>(ctx: ExtensionCtx, id: K): vscode.Disposable {
  const handler: Handler<K> = commandTable[id];
  return registerCommand(id, async (...args: ExtensionCommands[K]) => {
    try {
      return await handler(ctx, ...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log().error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(`IRQ Lens: ${message}`);
      return undefined;
    }
  });
}

export function registerCommands(ctx: ExtensionCtx): vscode.Disposable[] {
  return (Object.keys(commandTable) as ExtensionCommandId[]).map((id) => register(ctx, id));
}
