// The server's settings (`irqlens.*`), read through workspace/configuration and re-read on
// didChangeConfiguration. One place that knows the shape and the defaults; everything else
// receives a ServerSettings value.
import type { RuleCode, Severity } from '../vocabulary/finding';
import { isRecord } from '../vocabulary/is-record';
import { layouts, type Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';

export type SeverityOverride = Severity | 'off';

export interface ServerSettings {
  /** null: follow the tree's era. */
  layout: Layout | null;
  partitions: Partition[];
  /** Per-rule severity override, e.g. { "msi/leak": "off" }. */
  severity: Partial<Record<RuleCode, SeverityOverride>>;
  backgroundScan: boolean;
  /** Path globs (relative to the workspace root) the background scan skips. */
  exclude: string[];
  codeLens: { enable: boolean };
  /** Path of an lspci -vvnn dump or topology JSON, relative to the workspace root. */
  topology: string | null;
  /** Also publish speculative findings (Finding.speculative). */
  speculative: boolean;
}

export const defaultSettings: ServerSettings = {
  layout: null,
  partitions: [],
  severity: {},
  backgroundScan: true,
  exclude: [],
  codeLens: { enable: false },
  topology: null,
  speculative: false,
};

const severities: readonly SeverityOverride[] = ['error', 'warning', 'info', 'off'];

function readPartition(v: unknown): Partition | null {
  if (!isRecord(v)) return null;
  const { name, domain, first, last } = v;
  if (typeof name !== 'string' || typeof domain !== 'number' || typeof first !== 'number' || typeof last !== 'number') return null;
  return first <= last ? { name, domain, first, last } : null;
}

/**
 * Turns whatever the client sent for section `irqlens` into settings. Unknown or ill-typed values
 * fall back to the default and are reported through `warn` (the client's log), never thrown.
 */
export function readSettings(raw: unknown, warn: (message: string) => void = () => {}): ServerSettings {
  const s: ServerSettings = structuredClone(defaultSettings);
  if (raw === null || raw === undefined) return s;
  if (!isRecord(raw)) {
    warn(`irqlens settings: expected an object, got ${typeof raw}`);
    return s;
  }
  if (typeof raw.layout === 'string' && raw.layout !== 'auto') {
    if ((layouts as readonly string[]).includes(raw.layout)) s.layout = raw.layout as Layout;
    else warn(`irqlens.layout: unknown layout '${raw.layout}' (expected auto, ${layouts.join(', ')})`);
  }
  if (Array.isArray(raw.partitions)) {
    for (const p of raw.partitions) {
      const part = readPartition(p);
      if (part) s.partitions.push(part);
      else warn(`irqlens.partitions: ignored ${JSON.stringify(p)} (expected {name, domain, first, last} with first <= last)`);
    }
  }
  if (isRecord(raw.severity)) {
    for (const [code, sev] of Object.entries(raw.severity)) {
      if (typeof sev === 'string' && (severities as readonly string[]).includes(sev)) s.severity[code as RuleCode] = sev as SeverityOverride;
      else warn(`irqlens.severity.${code}: expected one of ${severities.join(', ')}`);
    }
  }
  if (typeof raw.backgroundScan === 'boolean') s.backgroundScan = raw.backgroundScan;
  if (Array.isArray(raw.exclude)) s.exclude = raw.exclude.filter((e): e is string => typeof e === 'string');
  const lens = raw.codeLens;
  if (isRecord(lens) && typeof lens.enable === 'boolean') s.codeLens.enable = lens.enable;
  if (typeof raw['codeLens.enable'] === 'boolean') s.codeLens.enable = raw['codeLens.enable'];
  if (typeof raw.topology === 'string' && raw.topology.trim() !== '') s.topology = raw.topology;
  if (typeof raw.speculative === 'boolean') s.speculative = raw.speculative;
  return s;
}
