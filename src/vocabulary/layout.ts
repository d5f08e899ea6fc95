// The descriptor-store layouts the model knows: one list, read by every option parser (CLI,
// server settings, requests), so a new layout is added in one place.

/** How the descriptor store is organised: by era, or the 2021 partitioned proposal. */
export type Layout = 'list' | 'xarray' | 'partitioned' | 'per-domain';

/** Every layout, in the order help texts and pickers list them. */
export const layouts: readonly Layout[] = ['list', 'xarray', 'partitioned', 'per-domain'];

export function isLayout(value: unknown): value is Layout {
  return typeof value === 'string' && (layouts as readonly string[]).includes(value);
}
