// Byte-level test that decides which files are worth parsing. Two stages, measured on the 6.12
// tree (59,952 files, warm cache, one thread; bench/prefilter.mjs):
//   read only 0.55-0.67 s; one Buffer.indexOf per API name 13 s; one alternation RegExp over
//   every file (latin1 string) 1.9-2.4 s; anchors + exact RegExp on anchor hits 1.24 s.
// Stage 1 looks for short anchors that every API name contains, with Buffer needles whose first
// byte is rare in C ('m', 'q'): a needle starting with '_' or 'i' is 2-3x slower. Stage 2 runs
// the exact whole-word alternation only on the ~4,500 files that hold an anchor.

/** Preferred anchors; a name that contains none of them becomes its own anchor. */
const preferredAnchors = ['msi', 'q_vec', 'ms_'];

export interface PrefilterHit {
  name: string;
  /** Byte offset of the first whole-word occurrence. */
  offset: number;
}

export interface Prefilter {
  /** The first catalogue name that occurs as a whole word, or undefined. */
  firstHit(bytes: Buffer): PrefilterHit | undefined;
  readonly anchors: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function chooseAnchors(names: readonly string[]): string[] {
  const anchors = new Set<string>();
  for (const name of names) {
    const anchor = preferredAnchors.find((a) => name.includes(a)) ?? name;
    anchors.add(anchor);
  }
  return [...anchors];
}

export function createPrefilter(names: readonly string[]): Prefilter {
  if (names.length === 0) throw new Error('irqlens: prefilter needs at least one API name');
  const anchors = chooseAnchors(names);
  const needles = anchors.map((a) => Buffer.from(a, 'latin1'));
  // Longest first so that `pci_enable_msix_range` is not reported as `pci_enable_msi`.
  const alternation = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const exact = new RegExp(`\\b(?:${alternation})\\b`);
  return {
    anchors,
    firstHit(bytes: Buffer): PrefilterHit | undefined {
      if (!needles.some((n) => bytes.indexOf(n) !== -1)) return undefined;
      const match = exact.exec(bytes.toString('latin1'));
      return match ? { name: match[0], offset: match.index } : undefined;
    },
  };
}
