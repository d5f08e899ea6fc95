// The visible window onto an index space (0..hwsize-1, 0..65535, or the partitioned store's
// 0..0x1ffff): fitting it to the allocations, zooming and panning. Pure arithmetic, tested under node.

/** Inclusive index interval. */
export interface IndexWindow {
  first: number;
  last: number;
}

/** The narrowest window the map zooms to: a few indices stay readable. */
export const minWindowSize = 8;

export function windowSize(w: IndexWindow): number {
  return w.last - w.first + 1;
}

function clampTo(w: IndexWindow, space: IndexWindow): IndexWindow {
  const size = Math.min(windowSize(w), windowSize(space));
  let first = Math.max(space.first, Math.min(w.first, space.last - size + 1));
  if (first + size - 1 > space.last) first = space.last - size + 1;
  return { first, last: first + size - 1 };
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The default window: from the start of the space to the next power of two past the last used
 * index (doubled, so that the allocation does not fill the track); the whole space when it is
 * small or nothing is used. 8 vectors in 0..65535 show as 0..15, not as a one-pixel sliver.
 */
export function fitWindow(used: IndexWindow | undefined, space: IndexWindow): IndexWindow {
  if (!used || windowSize(space) <= 64) return space;
  const reach = used.last - space.first + 1;
  const size = Math.max(minWindowSize, nextPowerOfTwo(reach) * 2);
  if (size >= windowSize(space)) return space;
  return { first: space.first, last: space.first + size - 1 };
}

/** Zoom by factor (< 1 zooms in, > 1 out) around `centre`, kept inside the space. */
export function zoomWindow(w: IndexWindow, space: IndexWindow, factor: number, centre = (w.first + w.last) / 2): IndexWindow {
  const size = Math.max(minWindowSize, Math.min(windowSize(space), Math.round(windowSize(w) * factor)));
  const first = Math.round(centre - (centre - w.first) * (size / windowSize(w)));
  return clampTo({ first, last: first + size - 1 }, space);
}

/** Pan by a fraction of the window (negative: towards index 0). */
export function panWindow(w: IndexWindow, space: IndexWindow, fraction: number): IndexWindow {
  const step = Math.max(1, Math.round(windowSize(w) * Math.abs(fraction))) * Math.sign(fraction);
  return clampTo({ first: w.first + step, last: w.last + step }, space);
}

/** Decimal, with hex added once the number is large enough that kernel people think in hex. */
export function formatIndex(n: number): string {
  return n < 256 ? String(n) : `${n} (0x${n.toString(16)})`;
}

export function formatRange(first: number, last: number): string {
  return first === last ? `index ${formatIndex(first)}` : `${formatIndex(first)}..${formatIndex(last)}`;
}
