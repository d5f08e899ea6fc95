// The MSI map webview panel: one per window, restored after a reload by its serializer. It asks
// the server for the map (irqlens/map), sends the snapshot to the view, and reveals calls the
// view asks for. Messages from the view are validated: a webview is untrusted input.
import * as vscode from 'vscode';
import type { MapResult, ShowMapParams } from '../protocol/requests';
import type { SimulationStep } from '../protocol/simulation';
import { initialMapViewState, isMapViewState, parseViewToHost, type HostToView, type MapViewState } from '../protocol/webview';
import { revealSite } from './locations';
import { localResourceRoots, mapHtml } from './webview-html';
import { log } from './log';
import { executeCommand } from './typed-commands';

export const mapViewType = 'irqlens.map';

/** Where the map comes from: the language client, injected so the panel does not own it. */
export type MapSource = (params: ShowMapParams) => Promise<MapResult>;

/** What integration tests read back (exported through the extension's API). */
export interface MapPanelProbe {
  readyMessages: number;
  snapshotsSent: number;
  lastDevices: string[];
  lastLayout?: string;
  lastReveal?: string;
}

export class MapPanel {
  static current: MapPanel | undefined;
  static readonly probe: MapPanelProbe = { readyMessages: 0, snapshotsSent: 0, lastDevices: [] };

  private ready = false;
  /** The last snapshot or error: re-sent whenever the view (re)loads, e.g. after being hidden. */
  private latest: HostToView | undefined;
  /** The current simulation step, re-sent after the snapshot. */
  private step: HostToView | undefined;
  private rootUri = '';
  private params: ShowMapParams = {};
  private state: MapViewState;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly source: MapSource,
    state: MapViewState,
  ) {
    this.state = state;
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
    panel.webview.html = mapHtml(panel.webview, extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'map.svg');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      // a hidden webview is torn down (no retainContextWhenHidden): wait for its next 'ready'
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
      }),
    );
  }

  static async show(extensionUri: vscode.Uri, source: MapSource, params: ShowMapParams, preset?: MapResult): Promise<MapPanel> {
    if (!MapPanel.current) {
      const panel = vscode.window.createWebviewPanel(
        mapViewType,
        'MSI Map',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          retainContextWhenHidden: false,
          localResourceRoots: localResourceRoots(extensionUri),
        },
      );
      MapPanel.current = new MapPanel(panel, extensionUri, source, { ...initialMapViewState });
    } else {
      MapPanel.current.panel.reveal(undefined, true);
    }
    await MapPanel.current.load(params, preset);
    return MapPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: MapSource, saved: unknown): MapPanel {
    MapPanel.current?.dispose();
    const state = isMapViewState(saved) ? saved : { ...initialMapViewState };
    MapPanel.current = new MapPanel(panel, extensionUri, source, state);
    void MapPanel.current.load({}, undefined);
    return MapPanel.current;
  }

  /** Fetch (or take) a map and hand it to the view, focusing a device if asked. */
  async load(params: ShowMapParams, preset?: MapResult): Promise<void> {
    this.params = params;
    try {
      const map = preset ?? (await this.source(params));
      this.rootUri = map.rootUri;
      MapPanel.probe.lastDevices = map.devices.map((d) => d.key);
      MapPanel.probe.lastLayout = map.layout;
      const focusDevice = params.device ?? this.focusedDevice(map, params);
      this.post({ type: 'snapshot', snapshot: map, rootUri: map.rootUri, ...(focusDevice ? { focusDevice } : {}) });
    } catch (e) {
      const message = `Could not get the MSI map from the IRQ Lens server: ${e instanceof Error ? e.message : String(e)}`;
      log().error(message);
      this.post({ type: 'error', message });
    }
  }

  showStep(device: string, step: SimulationStep, position: number, total: number): void {
    this.post({ type: 'simulationStep', device, step, position, total });
  }

  endSimulation(): void {
    this.post({ type: 'simulationEnd' });
  }

  private focusedDevice(map: MapResult, params: ShowMapParams): string | undefined {
    const f = params.focus;
    if (!f) return undefined;
    const hit = map.devices.find((d) => d.domains.some((dom) => dom.allocations.some((a) => a.site.range.line === f.line && f.uri.endsWith(a.site.file))));
    return hit?.key;
  }

  private post(message: HostToView): void {
    if (message.type === 'simulationStep') this.step = message;
    else if (message.type === 'simulationEnd') this.step = undefined;
    else this.latest = message;
    if (!this.ready) return;
    if (message.type === 'snapshot') MapPanel.probe.snapshotsSent++;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const m = parseViewToHost(raw);
    if (!m) {
      log().warn('MSI map: ignored a malformed message from the webview.');
      return;
    }
    switch (m.type) {
      case 'ready':
        this.ready = true;
        MapPanel.probe.readyMessages++;
        if (this.latest) this.post(this.latest);
        if (this.step) this.post(this.step);
        break;
      case 'reveal':
        MapPanel.probe.lastReveal = `${m.site.file}:${m.site.range.line}`;
        void revealSite(this.rootUri, m.site).then(undefined, (e: unknown) => log().error(`MSI map: cannot open ${m.site.file}: ${String(e)}`));
        break;
      case 'state':
        this.state = m.state;
        break;
      case 'refresh':
        void this.load(this.params);
        break;
      case 'simulate':
        void executeCommand('irqlens.simulate', m.device);
        break;
    }
  }

  get viewState(): MapViewState {
    return this.state;
  }

  dispose(): void {
    if (MapPanel.current === this) MapPanel.current = undefined;
    this.ready = false;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

export function registerMapSerializer(extensionUri: vscode.Uri, source: MapSource): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(mapViewType, {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      log().info('MSI map: restoring the panel after a reload.');
      MapPanel.revive(panel, extensionUri, source, state);
    },
  });
}
