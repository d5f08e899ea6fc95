// The custom LSP vocabulary of IRQ Lens, shared by the language server (src/server) and every
// client (src/extension, Neovim/Emacs/Helix configurations). Plain data and string constants
// only: this module imports neither `vscode` nor `vscode-languageserver`, so both sides (and
// the webview host) can use it. Send it with `client.sendRequest(IrqlensRequest.map, params)`.
//
// Paths inside results (SourceSite.file, DeviceMap.files, DeviceSummary.files) are relative to the
// workspace root (the first workspace folder, else initialize's rootUri; echoed as `rootUri` in map
// and simulation results), '/'-separated; ranges are 1-based, end-exclusive (finding.ts). Every type here is the protocol's own
// (finding.ts, map.ts, simulation.ts): the server converts engine values with conversions.ts.
import type { Finding, RuleCode, Severity } from './finding';
import type { DeviceClass, Layout, MapSnapshot } from './map';
import type { SimulationResult } from './simulation';

/** Request method names (client -> server). */
export const IrqlensRequest = {
  map: 'irqlens/map',
  simulate: 'irqlens/simulate',
  devices: 'irqlens/devices',
  reviewPatch: 'irqlens/reviewPatch',
} as const;

/** Notification method names (server -> client). */
export const IrqlensNotification = {
  /** Sent whenever the set of findings changes (after an edit or a scan step); drives the status bar. */
  status: 'irqlens/status',
} as const;

/**
 * `workspace/executeCommand` ids the server implements (listed in its executeCommandProvider).
 * Editors without custom-request support run these; the result is the same as the request's.
 * vscode-languageclient registers them as VS Code commands itself, so the extension must not
 * register the same ids; it can intercept them with `middleware.executeCommand` (e.g. to open
 * the map webview on `showMap` with the returned snapshot).
 */
export const IrqlensServerCommand = {
  /** args: [SimulateParams] -> SimulationResultWithRoot. Also the code lens' command. */
  simulate: 'irqlens.server.simulate',
  /** args: [ShowMapParams] -> MapResult. Also the "Show in MSI map" code action's command. */
  showMap: 'irqlens.server.showMap',
  /** args: [DevicesParams?] -> DeviceSummary[]. */
  devices: 'irqlens.server.devices',
  /** args: [] -> RescanResult. Drops the in-memory results and scans the workspace again (the disk cache stays). */
  rescan: 'irqlens.server.rescan',
} as const;

export type IrqlensServerCommandId = (typeof IrqlensServerCommand)[keyof typeof IrqlensServerCommand];

/** Narrows an analysis to part of the workspace. */
export interface ScopeParams {
  /** A file or folder URI; the whole workspace when absent. A file means its directory (its driver). */
  scope?: string;
}

export interface MapParams extends ScopeParams {
  /** Store layout to model; the `irqlens.layout` setting (or the tree's era) when absent. */
  layout?: Layout;
}

/** The map of what `irqlens/map` covered, plus the root its relative paths start from. */
export type MapResult = MapSnapshot & {
  /** Directory URI that SourceSite.file and DeviceMap.files are relative to. */
  rootUri: string;
};

export interface ShowMapParams extends MapParams {
  /** Device to focus, a DeviceMap.key. */
  device?: string;
  /** Call site to focus (the code action passes the call under the cursor). */
  focus?: { uri: string; line: number; column: number };
}

export interface SimulateParams {
  /** A DeviceSummary.key / DeviceMap.key. */
  device: string;
  layout?: Layout;
  /** Restrict to one function's operations (the code lens passes its function). */
  function?: string;
  /** Where `device` was found, so the server analyses that driver's directory. */
  scope?: string;
}

export type SimulationResultWithRoot = SimulationResult & { rootUri: string };

export type DevicesParams = ScopeParams;

/** One device the workspace allocates MSI descriptors for. */
export interface DeviceSummary {
  key: string;
  label: string;
  class: DeviceClass;
  /** Relative to the workspace root (the first workspace folder, else initialize's rootUri). */
  files: string[];
}

export interface ReviewPatchParams {
  /** URI of a .patch/.diff/.mbx/.mbox document (open or on disk). */
  uri: string;
  layout?: Layout;
}

export interface ReviewPatchResult {
  /** Findings the patch introduces (after but not before), with patch-relative ranges mapped to the patch text. */
  findings: Finding[];
  /** Problems reading the patch or applying it to the tree, as text with file:line. */
  problems: string[];
  /** Reply drafts (one mbox, as `irqlens review --format mail`) to the patches that introduce findings; empty when none. */
  mail: string;
}

export interface RescanResult {
  files: number;
  findings: number;
}

/** Body of `irqlens/status`. */
export interface StatusNotification {
  /** Findings by severity over every analysed file. */
  counts: Record<Severity, number>;
  /** Findings whose code is a conflict (index-conflict, partition-crossing, msi-msix-exclusive). */
  conflicts: number;
  /** Background scan: files done / total; absent when no scan runs. */
  scan?: { done: number; total: number };
  layout: Layout;
}

/** Rules the status bar counts as conflicts. */
export const conflictCodes: readonly RuleCode[] = ['msi/index-conflict', 'msi/partition-crossing', 'msi/msi-msix-exclusive'];

/** Type map of every custom request: method -> params and result. */
export interface IrqlensRequestTypes {
  'irqlens/map': { params: MapParams; result: MapResult };
  'irqlens/simulate': { params: SimulateParams; result: SimulationResultWithRoot };
  'irqlens/devices': { params: DevicesParams; result: DeviceSummary[] };
  'irqlens/reviewPatch': { params: ReviewPatchParams; result: ReviewPatchResult };
}

/** Custom error codes in the LSP "server defined" range. */
export const IrqlensErrorCode = {
  /** The device key is not in the analysed tree. */
  unknownDevice: -32001,
} as const;
