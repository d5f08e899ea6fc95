// The MSI map webview (browser bundle dist/webview.js): receives snapshots from the extension
// host, draws them through the view model, keeps its state across reloads, and posts typed
// requests back (reveal a call, refresh). Keyboard: arrows move between blocks and tracks,
// Enter reveals, +/- zoom, Shift+arrows pan, 0 fits, W shows the whole space, T toggles the table.
import type { MapSnapshot } from '../protocol/map';
import type { SimulationStep } from '../protocol/simulation';
import type { SourceSite } from '../protocol/map';
import { initialMapViewState, isMapViewState, type HostToView, type MapViewState, type ViewToHost } from '../protocol/webview';
import { buildMapView, buildStepView, type MapView, type TrackView } from './map-view-model';
import { panWindow, zoomWindow, type IndexWindow } from './index-window-model';
import { renderMessage, renderStep, renderView, type RenderHandlers } from './render';

interface VsCodeApi {
  postMessage(message: ViewToHost): void;
  getState(): unknown;
  setState(state: MapViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let state: MapViewState = isMapViewState(saved) ? saved : { ...initialMapViewState };
let snapshot: MapSnapshot | undefined;
let view: MapView | undefined;
let step: { device: string; step: SimulationStep; position: number; total: number } | undefined;
const root = document.getElementById('map') ?? document.body;
const stepBox = document.getElementById('step');

function post(message: ViewToHost): void {
  vscode.postMessage(message);
}

function saveState(next: MapViewState): void {
  state = next;
  vscode.setState(state);
  post({ type: 'state', state });
}

const handlers: RenderHandlers = {
  reveal: (site: SourceSite) => post({ type: 'reveal', site }),
  selectDevice: (key: string) => {
    saveState({ ...state, device: key, focus: undefined });
    draw();
  },
  simulate: (key: string) => post({ type: 'simulate', device: key }),
  focusBlock: (trackId: string, blockId: string) => {
    state = { ...state, focus: `${trackId}|${blockId}` };
    vscode.setState(state);
  },
};

function draw(): void {
  if (!snapshot) return;
  view = buildMapView(snapshot, state);
  renderView(root, view, state.mode, handlers);
  if (step && stepBox) renderStep(stepBox, buildStepView(step.step, step.position, step.total, snapshot, step.device, state), handlers);
  document.body.dataset.mode = state.mode;
  restoreFocus();
}

function blocks(): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('.block')];
}

function restoreFocus(): void {
  const all = blocks();
  const [trackId, blockId] = (state.focus ?? '').split('|');
  const target = all.find((b) => b.dataset.track === trackId && b.dataset.block === blockId) ?? all[0];
  if (target) target.tabIndex = 0;
}

function focusedTrack(): TrackView | undefined {
  const id = (document.activeElement as HTMLElement | null)?.dataset.track ?? state.focus?.split('|')[0];
  return view?.selected?.tracks.find((t) => t.id === id) ?? view?.selected?.tracks[0];
}

function setWindow(track: TrackView, w: IndexWindow): void {
  saveState({ ...state, zoom: { ...state.zoom, [track.id]: w } });
  draw();
}

function moveFocus(delta: number, acrossTracks: boolean): void {
  const all = blocks();
  const current = all.indexOf(document.activeElement as HTMLElement);
  let next = current < 0 ? 0 : current + delta;
  if (acrossTracks && current >= 0) {
    const track = all[current]?.dataset.track;
    const step = delta > 0 ? 1 : -1;
    for (next = current + step; next >= 0 && next < all.length && all[next]?.dataset.track === track; next += step);
  }
  const target = all[Math.max(0, Math.min(all.length - 1, next))];
  if (!target) return;
  for (const b of all) b.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

function onKey(e: KeyboardEvent): void {
  if (e.target instanceof HTMLSelectElement) return;
  const track = focusedTrack();
  const keys: Record<string, () => void> = {
    ArrowRight: () => (e.shiftKey && track ? setWindow(track, panWindow(track.window, track.space, 0.25)) : moveFocus(1, false)),
    ArrowLeft: () => (e.shiftKey && track ? setWindow(track, panWindow(track.window, track.space, -0.25)) : moveFocus(-1, false)),
    ArrowDown: () => moveFocus(1, true),
    ArrowUp: () => moveFocus(-1, true),
    '+': () => track && setWindow(track, zoomWindow(track.window, track.space, 0.5)),
    '=': () => track && setWindow(track, zoomWindow(track.window, track.space, 0.5)),
    '-': () => track && setWindow(track, zoomWindow(track.window, track.space, 2)),
    '0': () => track && resetZoom(track),
    w: () => track && setWindow(track, track.space),
    t: () => toggleMode(),
  };
  const action = keys[e.key];
  if (action) {
    e.preventDefault();
    action();
  }
}

function resetZoom(track: TrackView): void {
  const zoom = { ...state.zoom };
  delete zoom[track.id];
  saveState({ ...state, zoom });
  draw();
}

function toggleMode(): void {
  saveState({ ...state, mode: state.mode === 'map' ? 'table' : 'map' });
  draw();
}

function onMessage(event: MessageEvent<unknown>): void {
  const m = event.data as HostToView;
  switch (m?.type) {
    case 'snapshot':
      snapshot = m.snapshot;
      if (m.focusDevice) state = { ...state, device: m.focusDevice };
      vscode.setState(state);
      draw();
      break;
    case 'simulationStep':
      step = { device: m.device, step: m.step, position: m.position, total: m.total };
      draw();
      break;
    case 'simulationEnd':
      step = undefined;
      if (stepBox) stepBox.hidden = true;
      break;
    case 'error':
      renderMessage(root, 'error', m.message);
      break;
  }
}

function wireToolbar(): void {
  const actions: Record<string, () => void> = {
    'zoom-in': () => {
      const t = focusedTrack();
      if (t) setWindow(t, zoomWindow(t.window, t.space, 0.5));
    },
    'zoom-out': () => {
      const t = focusedTrack();
      if (t) setWindow(t, zoomWindow(t.window, t.space, 2));
    },
    fit: () => {
      const t = focusedTrack();
      if (t) resetZoom(t);
    },
    whole: () => {
      const t = focusedTrack();
      if (t) setWindow(t, t.space);
    },
    table: () => toggleMode(),
    refresh: () => post({ type: 'refresh' }),
  };
  for (const [id, action] of Object.entries(actions)) document.getElementById(id)?.addEventListener('click', action);
}

window.addEventListener('message', onMessage);
document.addEventListener('keydown', onKey);
wireToolbar();
post({ type: 'ready' });
