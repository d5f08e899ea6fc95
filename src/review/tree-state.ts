// One state of the tree during a review: the file texts (an overlay over the disk), the facts of
// every analysed file and the era. A patch produces the next state by re-extracting only the files
// it touches and the files that include a header it touches (all files when the era changes).
import { dirname, posix, relative, resolve, sep } from 'node:path';
import type { EraInfo, FileFacts } from '../facts/types';
import type { ReviewEngine } from './engine';
import type { Overlay } from './overlay';
import { overlayIncludes } from './overlay-includes';

export interface TreeState {
  overlay: Overlay;
  facts: Map<string, FileFacts>;
  era: EraInfo;
}

/** Converts between tree-relative paths (the overlay's) and the cwd-relative paths facts carry. */
export interface Paths {
  tree: string;
  toTree(file: string): string;
  toShown(treePath: string): string;
}

export function makePaths(tree: string, cwd: string): Paths {
  const root = resolve(cwd, tree);
  const slash = (p: string) => p.split(sep).join('/');
  return {
    tree,
    toTree: (file) => slash(relative(root, resolve(cwd, file))),
    toShown: (treePath) => slash(relative(cwd, resolve(root, treePath))) || treePath,
  };
}

const eraFiles = /^(include\/linux\/(msi[^/]*|pci)\.h|kernel\/irq\/msi\.c)$/;
const isSource = (p: string) => /\.[ch]$/.test(p);

/** True when a touched path can change the era or the API model. */
export function touchesModel(touched: string[]): boolean {
  return touched.some((p) => eraFiles.test(p));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Files (among those with facts) whose text includes one of the touched headers. */
function dependents(state: TreeState, headers: string[]): string[] {
  if (headers.length === 0) return [];
  const patterns = headers.map((h) =>
    h.startsWith('include/')
      ? new RegExp(`#\\s*include\\s*<${escapeRe(h.slice('include/'.length))}>`)
      : new RegExp(`#\\s*include\\s*"([^"]*/)?${escapeRe(posix.basename(h))}"`),
  );
  return [...state.facts.keys()].filter((p) => {
    const text = state.overlay.read(p);
    return text !== undefined && patterns.some((re) => re.test(text));
  });
}

/** The earlier object when nothing changed, so the directory's cached check result is reused. */
function sameFacts(old: FileFacts | undefined, now: FileFacts): FileFacts {
  return old !== undefined && JSON.stringify(old) === JSON.stringify(now) ? old : now;
}

export interface StepAnalysis {
  state: TreeState;
  /** Tree paths re-extracted or deleted. */
  reanalysed: string[];
  /** Directories whose findings can differ ('all' after an era change). */
  scope: Set<string> | 'all';
  problems: string[];
}

/** The state after `touched` changed in `overlay` (already patched): facts re-extracted where needed. */
export async function advance(engine: ReviewEngine, paths: Paths, before: TreeState, overlay: Overlay, touched: string[]): Promise<StepAnalysis> {
  const era = touchesModel(touched) ? (engine.detectEra((p) => overlay.read(p)) ?? before.era) : before.era;
  const eraChanged = JSON.stringify(era) !== JSON.stringify(before.era);
  const sources = touched.filter(isSource);
  const headers = sources.filter((p) => p.endsWith('.h'));
  const next: TreeState = { overlay, facts: new Map(before.facts), era };
  const redo = new Set([...sources, ...dependents({ ...before, overlay }, headers), ...(eraChanged ? before.facts.keys() : [])]);
  const problems: string[] = [];
  const readInclude = overlayIncludes(overlay, paths.toTree);
  if (headers.length > 0) engine.forgetHeaders();
  for (const p of redo) {
    const text = overlay.read(p);
    if (text === undefined) {
      next.facts.delete(p);
      continue;
    }
    const facts = await engine.extractFileFacts({ file: paths.toShown(p), text, era, readInclude });
    if (sources.includes(p)) for (const pr of facts.problems) problems.push(`${pr.file}:${pr.line}: ${pr.message}`);
    next.facts.set(p, sameFacts(before.facts.get(p), facts));
  }
  const scope = eraChanged ? ('all' as const) : new Set([...redo].map((p) => dirname(p)));
  return { state: next, reanalysed: [...redo], scope, problems };
}
