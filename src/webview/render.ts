// View model -> DOM for the MSI map. Text from source code (labels, file names, messages) only
// ever goes through textContent / setAttribute, never innerHTML, so it cannot become markup.
import { siteKey, type BlockView, type DeviceView, type LegendEntry, type MapView, type StepView, type TableRow, type TrackView } from './map-view-model';
import type { SourceSite } from '../protocol/map';

export interface RenderHandlers {
  reveal(site: SourceSite): void;
  selectDevice(key: string): void;
  simulate(key: string): void;
  focusBlock(trackId: string, blockId: string): void;
}

type Attrs = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Through the CSSOM: the CSP has no 'unsafe-inline', which would block style="" attributes. */
function place(e: HTMLElement, left: number, width: number): void {
  e.style.left = `${left}%`;
  e.style.width = `${width}%`;
}

function blockElement(track: TrackView, b: BlockView, h: RenderHandlers): HTMLElement {
  const classes = ['block', b.kind, b.pattern, b.kind === 'allocation' ? `site${b.colour}` : 'conflict-mark'];
  const e = el('button', {
    class: classes.join(' '),
    title: b.description,
    'aria-label': b.description,
    'data-track': track.id,
    'data-block': b.id,
    'data-first': String(b.first),
    'data-last': String(b.last),
    tabindex: '-1',
  });
  place(e, b.left, b.width);
  if (b.kind === 'conflict') e.appendChild(el('span', { class: 'conflict-glyph', 'aria-hidden': 'true' }, '!'));
  e.addEventListener('click', () => h.reveal(b.site));
  e.addEventListener('focus', () => h.focusBlock(track.id, b.id));
  return e;
}

function trackElement(t: TrackView, h: RenderHandlers): HTMLElement {
  const box = el('section', { class: 'track', 'data-track': t.id, 'aria-label': `${t.title}, indices ${t.window.first} to ${t.window.last}` });
  const head = el('header', { class: 'track-head' });
  head.appendChild(el('h3', {}, t.title));
  head.appendChild(el('span', { class: 'detail' }, t.detail));
  if (t.zoomed) head.appendChild(el('span', { class: 'zoomed' }, `showing ${t.window.first}..${t.window.last} of ${t.space.first}..${t.space.last}`));
  box.appendChild(head);
  const lane = el('div', { class: 'lane', role: 'group', 'aria-roledescription': 'index space' });
  for (const band of t.bands) {
    const be = el('div', { class: 'band', title: `${band.name}: ${band.first}..${band.last}` });
    place(be, band.left, band.width);
    be.appendChild(el('span', { class: 'band-name' }, band.name));
    lane.appendChild(be);
  }
  for (const b of t.blocks) lane.appendChild(blockElement(t, b, h));
  box.appendChild(lane);
  const ruler = el('div', { class: 'ruler', 'aria-hidden': 'true' });
  for (const tick of t.ticks) {
    const te = el('span', { class: 'tick' }, tick.label);
    te.style.left = `${tick.left}%`;
    ruler.appendChild(te);
  }
  box.appendChild(ruler);
  return box;
}

function legendElement(entries: LegendEntry[], h: RenderHandlers): HTMLElement {
  const box = el('section', { class: 'legend', 'aria-label': 'Legend' });
  box.appendChild(el('h3', {}, 'Legend'));
  const list = el('ul');
  for (const e of entries) {
    const li = el('li');
    li.appendChild(el('span', { class: `swatch solid site${e.colour}`, 'aria-hidden': 'true' }));
    const link = el('button', { class: 'link' }, `${e.label} (${e.where})`);
    link.addEventListener('click', () => h.reveal(e.site));
    li.appendChild(link);
    list.appendChild(li);
  }
  for (const [cls, text] of [
    ['swatch solid site1', 'solid: definite (allocated on every path)'],
    ['swatch hatched site1', 'hatched: possible (depends on a run-time value)'],
    ['swatch solid conflict-mark', 'conflict, definite (error)'],
    ['swatch hatched conflict-mark', 'conflict, possible (warning)'],
  ] as const) {
    const li = el('li');
    li.appendChild(el('span', { class: cls, 'aria-hidden': 'true' }));
    li.appendChild(el('span', {}, text));
    list.appendChild(li);
  }
  box.appendChild(list);
  return box;
}

export function tableElement(rows: TableRow[], h: RenderHandlers): HTMLElement {
  const table = el('table', { class: 'fallback' });
  const head = el('tr');
  for (const c of ['Domain', 'Indices', 'What', 'Certainty', 'Call site']) head.appendChild(el('th', { scope: 'col' }, c));
  table.appendChild(el('thead')).appendChild(head);
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    for (const c of [r.track, r.range, r.what, r.certainty]) tr.appendChild(el('td', {}, c));
    const td = el('td');
    const link = el('button', { class: 'link' }, r.where);
    link.addEventListener('click', () => h.reveal(r.site));
    td.appendChild(link);
    tr.appendChild(td);
    body.appendChild(tr);
  }
  table.appendChild(body);
  return table;
}

function deviceElement(d: DeviceView, view: MapView, mode: 'map' | 'table', h: RenderHandlers): HTMLElement {
  const box = el('article', { class: 'device', 'data-device': d.key });
  const head = el('h2', {}, d.label);
  const sim = el('button', { class: 'simulate', title: "Step through this device's operations in the editor" }, 'Simulate…');
  sim.addEventListener('click', () => h.simulate(d.key));
  head.appendChild(sim);
  box.appendChild(head);
  box.appendChild(el('p', { class: 'detail' }, d.detail));
  for (const line of d.attribution) box.appendChild(el('p', { class: 'attribution' }, line));
  if (mode === 'table') box.appendChild(tableElement(view.table, h));
  else {
    for (const t of d.tracks) box.appendChild(trackElement(t, h));
    box.appendChild(legendElement(view.legend, h));
  }
  return box;
}

export function deviceSelector(view: MapView, selected: string | undefined, h: RenderHandlers): HTMLElement {
  const sel = el('select', { id: 'device', 'aria-label': 'Device' });
  for (const d of view.devices) {
    const o = el('option', { value: d.key }, d.conflicts ? `${d.label} (${d.conflicts} conflict${d.conflicts > 1 ? 's' : ''})` : d.label);
    if (d.key === selected) o.selected = true;
    sel.appendChild(o);
  }
  sel.addEventListener('change', () => h.selectDevice(sel.value));
  return sel;
}

export function renderView(root: HTMLElement, view: MapView, mode: 'map' | 'table', h: RenderHandlers): void {
  root.replaceChildren();
  root.appendChild(el('h1', {}, view.title));
  if (view.devices.length > 1) root.appendChild(deviceSelector(view, view.selected?.key, h));
  if (view.empty || !view.selected) {
    root.appendChild(el('p', { class: 'empty' }, view.empty ?? ''));
    return;
  }
  root.appendChild(deviceElement(view.selected, view, mode, h));
}

export function renderMessage(root: HTMLElement, cls: string, text: string): void {
  root.replaceChildren(el('p', { class: cls }, text));
}

/** The simulation panel: the step, its outcome, and the store after it; the step's own blocks are marked. */
export function renderStep(box: HTMLElement, step: StepView, h: RenderHandlers): void {
  box.replaceChildren(el('h2', {}, step.title), el('pre', { class: 'outcome' }, step.outcome));
  for (const t of step.tracks) {
    const te = trackElement(t, h);
    for (const b of t.blocks) {
      if (siteKey(b.site) === step.current) te.querySelector(`[data-block="${CSS.escape(b.id)}"]`)?.classList.add('current');
    }
    box.appendChild(te);
  }
  if (step.tracks.every((t) => t.blocks.length === 0)) box.appendChild(el('p', { class: 'detail' }, 'The store is empty after this step.'));
  box.hidden = false;
}
