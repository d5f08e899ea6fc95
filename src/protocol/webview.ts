// Messages between the extension host and the MSI map webview, as discriminated unions. The same
// module is compiled into both sides (dist/extension.js and dist/webview.js), so a change to a
// message is a type error on whichever side forgot it. No `vscode` and no DOM here.
import { isRecord } from './untrusted';
import type { MapSnapshot, SourceSite } from './map';
import type { SimulationStep } from './simulation';

/** What the view remembers across reloads (webview setState + the panel serializer). */
export interface MapViewState {
  /** DeviceMap.key of the selected device; the first device when absent or gone. */
  device?: string;
  /** Per track id: the visible index window, inclusive. Absent: fit to the allocations. */
  zoom: Record<string, { first: number; last: number }>;
  /** Draw the graphic map or the text table. */
  mode: 'map' | 'table';
  /** Track id + block id that had the keyboard focus. */
  focus?: string;
}

export const initialMapViewState: MapViewState = { zoom: {}, mode: 'map' };

/** Host -> view. */
export type HostToView =
  | { type: 'snapshot'; snapshot: MapSnapshot; rootUri: string; focusDevice?: string }
  | { type: 'simulationStep'; device: string; step: SimulationStep; position: number; total: number }
  | { type: 'simulationEnd' }
  | { type: 'error'; message: string };

/** View -> host. */
export type ViewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; site: SourceSite }
  | { type: 'state'; state: MapViewState }
  | { type: 'refresh' }
  | { type: 'simulate'; device: string };

function isRangeLike(x: unknown): boolean {
  return isRecord(x) && ['line', 'column', 'endLine', 'endColumn'].every((k) => typeof x[k] === 'number');
}

function isSite(x: unknown): x is SourceSite {
  return isRecord(x) && typeof x.file === 'string' && typeof x.function === 'string' && typeof x.api === 'string' && isRangeLike(x.range);
}

export function isMapViewState(x: unknown): x is MapViewState {
  return (
    isRecord(x) &&
    (x.mode === 'map' || x.mode === 'table') &&
    isRecord(x.zoom) &&
    (x.device === undefined || typeof x.device === 'string') &&
    (x.focus === undefined || typeof x.focus === 'string')
  );
}

/** The host checks every message: a webview is a browser page and its messages are untrusted input. */
export function parseViewToHost(x: unknown): ViewToHost | undefined {
  if (!isRecord(x)) return undefined;
  switch (x.type) {
    case 'ready':
    case 'refresh':
      return { type: x.type };
    case 'reveal':
      return isSite(x.site) ? { type: 'reveal', site: x.site } : undefined;
    case 'state':
      return isMapViewState(x.state) ? { type: 'state', state: x.state } : undefined;
    case 'simulate':
      return typeof x.device === 'string' ? { type: 'simulate', device: x.device } : undefined;
    default:
      return undefined;
  }
}
