// Era detection (msi-semantics §1.4): from the tree's own headers when present, else from the
// call signatures seen in the facts, else a 6.12-like default. Within the per-domain era the
// 7.x core (docs/allocator-model.md "The 7.x core") is told apart by what its headers declare.
import { blankComments } from './c-text';
import { lifetimeRows } from './catalogue';
import { sevenX, sevenXLabel } from './generation';
import type { EraInfo, FileFacts } from './types';

export const defaultEra: EraInfo = {
  era: 'per-domain',
  label: '6.12-like per-domain (MSI_MAX_DEVICE_IRQDOMAINS = 1)',
  source: 'default',
  maxDeviceIrqDomains: 1,
  domainIds: { MSI_DEFAULT_DOMAIN: 0 },
  intxFlag: 'PCI_IRQ_INTX',
};

/** Members of `enum msi_domain_ids`, numbered as C numbers them. */
function domainIdsFrom(msiApi: string): Record<string, number> | undefined {
  const m = /enum\s+msi_domain_ids\s*\{([^}]*)\}/.exec(msiApi);
  if (!m) return undefined;
  const ids: Record<string, number> = {};
  let next = 0;
  for (const part of m[1]!.split(',')) {
    const em = /^\s*([A-Za-z_]\w*)\s*(?:=\s*(\d+))?\s*$/.exec(part);
    if (!em) continue;
    const v = em[2] !== undefined ? Number(em[2]) : next;
    ids[em[1]!] = v;
    next = v + 1;
  }
  return ids;
}

function intxFlagOf(pciH: string | undefined, fallback: EraInfo['intxFlag']): EraInfo['intxFlag'] {
  if (pciH === undefined) return fallback;
  if (/#\s*define\s+PCI_IRQ_INTX\b/.test(pciH)) return 'PCI_IRQ_INTX';
  if (/#\s*define\s+PCI_IRQ_LEGACY\b/.test(pciH)) return 'PCI_IRQ_LEGACY';
  return fallback;
}

/** Reads include/linux/{msi_api,msi,pci}.h through `readFile` (paths relative to the tree root). */
export function detectEra(readFile: (relPath: string) => string | undefined): EraInfo | undefined {
  const raw = (p: string): string | undefined => {
    const t = readFile(p);
    return t === undefined ? undefined : blankComments(t);
  };
  const msiApi = raw('include/linux/msi_api.h');
  const msiH = raw('include/linux/msi.h');
  const pciH = raw('include/linux/pci.h');
  if (msiApi !== undefined) {
    const ids = domainIdsFrom(msiApi) ?? { MSI_DEFAULT_DOMAIN: 0, MSI_MAX_DEVICE_IRQDOMAINS: 1 };
    const max = ids['MSI_MAX_DEVICE_IRQDOMAINS'] ?? 1;
    const domainIds = Object.fromEntries(Object.entries(ids).filter(([k]) => k !== 'MSI_MAX_DEVICE_IRQDOMAINS'));
    const found = sevenX.filter((c) => c.test(raw));
    const rest = { maxDeviceIrqDomains: max, domainIds, intxFlag: intxFlagOf(pciH, 'PCI_IRQ_INTX'), ...declaredApis(raw) };
    if (found.length > 0) {
      const source = found
        .map((c) => c.header)
        .filter((h, i, a) => a.indexOf(h) === i)
        .join(', ');
      const generation = found.length === sevenX.length ? { generation: '7.x' as const } : {};
      return { era: 'per-domain', label: sevenXLabel(found, max), source, ...generation, ...rest };
    }
    const label =
      'MSI_SECONDARY_DOMAIN' in ids
        ? `6.2–6.11-like per-domain (MSI_MAX_DEVICE_IRQDOMAINS = ${max})`
        : `6.12-like per-domain (MSI_MAX_DEVICE_IRQDOMAINS = ${max})`;
    return { era: 'per-domain', label, source: 'include/linux/msi_api.h', ...rest };
  }
  if (msiH === undefined) return undefined;
  if (/struct\s+xarray\s+__store\b/.test(msiH) || /\bmsi_add_msi_desc\s*\(/.test(msiH)) {
    return {
      era: 'xarray',
      label: '6.1-like xarray (one store per device, no domain ids)',
      source: 'include/linux/msi.h',
      domainIds: {},
      intxFlag: intxFlagOf(pciH, 'PCI_IRQ_LEGACY'),
      ...declaredApis(raw),
    };
  }
  if (/\bfor_each_msi_entry\b/.test(msiH) || /\bdev_to_msi_list\b/.test(msiH)) {
    return {
      era: 'list',
      label: '≤5.16-like list (no central index)',
      source: 'include/linux/msi.h',
      domainIds: {},
      intxFlag: intxFlagOf(pciH, 'PCI_IRQ_LEGACY'),
    };
  }
  return undefined;
}

/** Which lifetime APIs of the catalogue the tree's headers declare (a word match outside comments). */
function declaredApis(raw: (relPath: string) => string | undefined): { apis?: Record<string, boolean> } {
  const apis: Record<string, boolean> = {};
  for (const r of lifetimeRows()) {
    const text = raw(r.lifetime!.header);
    if (text !== undefined) apis[r.name] = new RegExp(String.raw`(?<![\w])${r.name}\b`).test(text);
  }
  return Object.keys(apis).length > 0 ? { apis } : {};
}

/** The 7.x era as the scenarios and signature inference name it (no tree headers to read). */
export const sevenXEra: EraInfo = {
  ...defaultEra,
  generation: '7.x',
  label: sevenXLabel(sevenX, 1),
  source: 'era marker',
};

/** An era by name, for an `era:` marker: '7.x', '6.12' or '6.1'. */
export function namedEra(name: string): EraInfo | undefined {
  if (name === '7.x') return sevenXEra;
  if (name === '6.12') return { ...defaultEra, source: 'era marker' };
  if (name === '6.1')
    return { era: 'xarray', label: '6.1-like xarray (one store per device, no domain ids)', source: 'era marker', domainIds: {}, intxFlag: 'PCI_IRQ_LEGACY' };
  return undefined;
}

/**
 * Falls back on the signatures the facts matched: a single 6.1-only call shape means xarray; a
 * call only 7.x has (and none that 7.x removed) means 7.x.
 */
export function eraFromFacts(files: FileFacts[]): EraInfo {
  let old = 0;
  let perDomain = 0;
  const lifetimes = new Map(lifetimeRows().map((r) => [r.name, r.lifetime!]));
  let added = 0;
  let removed = 0;
  for (const f of files) {
    for (const fact of f.facts) {
      if (fact.signature === '6.1') old++;
      else if (fact.signature === '6.2+') perDomain++;
      const life = lifetimes.get(fact.api);
      if (life?.added) added++;
      if (life?.removed) removed++;
    }
  }
  if (old > perDomain) {
    return { era: 'xarray', label: '6.1-like xarray (from call signatures)', source: 'call signatures', domainIds: {}, intxFlag: 'PCI_IRQ_LEGACY' };
  }
  if (added > 0 && removed === 0) return { ...sevenXEra, source: 'call signatures', label: `${sevenXEra.label} (from call signatures)` };
  if (perDomain > 0) return { ...defaultEra, source: 'call signatures', label: `${defaultEra.label} (from call signatures)` };
  return defaultEra;
}

/**
 * Whether a tree of this era has a catalogue API with a lifetime: its headers decide when they
 * were read; otherwise the generation does (6.1 and 6.12 have what 7.x removed, not what it added).
 * Undefined for APIs without a lifetime and for the list era (before the descriptor mutex).
 */
export function apiPresent(name: string, era: EraInfo): boolean | undefined {
  const life = lifetimeRows().find((r) => r.name === name)?.lifetime;
  if (!life || era.era === 'list') return undefined;
  const declared = era.apis?.[name];
  if (declared !== undefined) return declared;
  const seven = era.generation === '7.x';
  return life.added ? seven : !seven;
}
