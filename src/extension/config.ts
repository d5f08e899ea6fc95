// The one reader of the irqlens.* settings. Everything else asks here, and re-reads on change
// through onConfigChange, so no module keeps a stale copy.
import * as vscode from 'vscode';
import type { Layout } from '../protocol/map';

export type LayoutSetting = Layout | 'auto';

export const layoutChoices: { value: LayoutSetting; label: string; detail: string }[] = [
  { value: 'auto', label: 'auto', detail: "The tree's own era, read from its headers" },
  { value: 'list', label: 'list', detail: '≤ 5.16: one list of descriptors per device' },
  { value: 'xarray', label: 'xarray', detail: '5.17 – 6.1: one xarray per device, shared by every domain' },
  { value: 'per-domain', label: 'per-domain', detail: '6.2+: one xarray per device domain' },
  { value: 'partitioned', label: 'partitioned', detail: 'The 2021 proposal: one store split into 0x10000 windows (never merged)' },
];

export function isLayoutSetting(x: unknown): x is LayoutSetting {
  return typeof x === 'string' && layoutChoices.some((c) => c.value === x);
}

export interface IrqlensConfig {
  layout: LayoutSetting;
  topology: string;
  codeLens: boolean;
  backgroundScan: boolean;
}

export function readConfig(scope?: vscode.Uri): IrqlensConfig {
  const c = vscode.workspace.getConfiguration('irqlens', scope);
  const layout = c.get<unknown>('layout');
  return {
    layout: isLayoutSetting(layout) ? layout : 'auto',
    topology: c.get<string>('topology') ?? '',
    codeLens: c.get<boolean>('codeLens.enable') ?? false,
    backgroundScan: c.get<boolean>('backgroundScan') ?? true,
  };
}

/** The layout to put in requests: undefined lets the server use the tree's era. */
export function requestLayout(scope?: vscode.Uri): Layout | undefined {
  const l = readConfig(scope).layout;
  return l === 'auto' ? undefined : l;
}

/** Workspace-level when a folder is open, else user-level. */
export function configTarget(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

export async function updateSetting(key: 'layout' | 'topology', value: string): Promise<void> {
  await vscode.workspace.getConfiguration('irqlens').update(key, value, configTarget());
}

export function onConfigChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('irqlens')) listener();
  });
}
