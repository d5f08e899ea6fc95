// Reviews a patch series against a tree: applies each patch in memory, re-analyses what it touches,
// and reports per patch and for the whole series the findings introduced, fixed and unchanged, and
// what moved in the map. Introduced findings point at the `+` line of the patch that added them.
import { resolve } from 'node:path';
import { compareFindings, type Finding } from '../vocabulary/finding';
import { revertedBaseline } from './already-applied';
import { applyToOverlay, placeInTree } from './apply';
import type { ReviewEngine } from './engine';
import { diffFindings, findingKey } from './finding-diff';
import { mapFilePatch, nearestHunkHeader, patchLineForPost, patchLineForPre, type FileLineMap } from './line-map';
import { diffMaps } from './map-diff';
import { diskTree, Overlay } from './overlay';
import { scanScope } from './scan-scope';
import { DirectoryChecks } from './directory-checks';
import { advance, makePaths, type Paths, type TreeState } from './tree-state';
import type { ParsedPatch, PatchReview, ReviewFinding, ReviewResult } from './types';

export interface ReviewInput {
  tree: string;
  cwd: string;
  patches: ParsedPatch[];
  engine: ReviewEngine;
  /** Tree paths whose content before the series differs from disk (a git range's base); null: absent. */
  baseline?: Map<string, string | null>;
  onProgress?: (done: number, total: number) => void;
}

type Scope = Set<string> | 'all';

function lineText(paths: Paths, overlay: Overlay): (f: Finding) => string {
  return (f) => overlay.read(paths.toTree(f.file))?.split('\n')[f.range.line - 1] ?? '';
}

function unionScope(a: Scope, b: Scope): Scope {
  return a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b]);
}

interface PatchMaps {
  byNew: Map<string, FileLineMap>;
  byOld: Map<string, FileLineMap>;
  renames: Map<string, string>;
}

function lineMaps(patch: ParsedPatch, before: Overlay, after: Overlay): PatchMaps {
  const maps: PatchMaps = { byNew: new Map(), byOld: new Map(), renames: new Map() };
  for (const fp of patch.files) {
    const m = mapFilePatch(fp, fp.oldPath === null ? undefined : before.read(fp.oldPath), fp.newPath === null ? undefined : after.read(fp.newPath));
    if (fp.newPath !== null) maps.byNew.set(fp.newPath, m);
    if (fp.oldPath !== null) maps.byOld.set(fp.oldPath, m);
    if (fp.oldPath !== null && fp.newPath !== null && fp.oldPath !== fp.newPath) maps.renames.set(fp.oldPath, fp.newPath);
  }
  return maps;
}

/** A finding in a file the patch does not touch came from a header it changed: point at that header's first hunk. */
function touchedHeader(maps: Map<string, FileLineMap>): number | undefined {
  const header = [...maps.entries()].find(([path]) => path.endsWith('.h'))?.[1];
  return header ? (header.spans[0]?.headerLine ?? header.headerLine) : undefined;
}

function placeIntroduced(paths: Paths, maps: PatchMaps, f: Finding): number | undefined {
  const m = maps.byNew.get(paths.toTree(f.file));
  return m ? (patchLineForPost(m, f.range.line) ?? nearestHunkHeader(m, f.range.line)) : touchedHeader(maps.byNew);
}

function placeFixed(paths: Paths, maps: PatchMaps, f: Finding): number | undefined {
  const m = maps.byOld.get(paths.toTree(f.file));
  return m ? (patchLineForPre(m, f.range.line) ?? m.headerLine) : touchedHeader(maps.byOld);
}

/** Adds one patch's renames to the series' (a -> b then b -> c gives a -> c). */
function chainRenames(series: Map<string, string>, patch: Map<string, string>): void {
  for (const [from, to] of series) if (patch.has(to)) series.set(from, patch.get(to) ?? to);
  for (const [from, to] of patch) if (![...series.values()].includes(to)) series.set(from, to);
}

/** Findings of both states over `scope`, diffed, each introduced/fixed one placed on the patch. */
function compare(
  checks: DirectoryChecks,
  paths: Paths,
  before: TreeState,
  after: TreeState,
  scope: Scope,
  touched: Set<string>,
  maps: PatchMaps | undefined,
  renames: Map<string, string>,
  patchIndex?: number,
) {
  const cb = checks.check(before, scope);
  const ca = checks.check(after, scope);
  const rename = (file: string) => {
    const moved = renames.get(paths.toTree(file));
    return moved === undefined ? file : paths.toShown(moved);
  };
  const d = diffFindings(cb.findings, ca.findings, lineText(paths, before.overlay), lineText(paths, after.overlay), rename);
  for (const list of [d.introduced, d.fixed, d.unchanged]) list.sort(compareFindings);
  const outside = (f: Finding) => (touched.has(paths.toTree(f.file)) ? {} : { outside: true });
  const findings: ReviewFinding[] = [
    ...d.introduced.map(
      (finding): ReviewFinding => ({ kind: 'introduced', finding, patchIndex, patchLine: maps && placeIntroduced(paths, maps, finding), ...outside(finding) }),
    ),
    ...d.fixed.map(
      (finding): ReviewFinding => ({ kind: 'fixed', finding, patchIndex, patchLine: maps && placeFixed(paths, maps, finding), ...outside(finding) }),
    ),
    ...d.unchanged.map((finding): ReviewFinding => ({ kind: 'unchanged', finding })),
  ];
  return { findings, mapChanges: diffMaps(cb.map, ca.map, rename), eraBefore: cb.era, eraAfter: ca.era };
}

interface DoneStep {
  review: PatchReview;
  before: Overlay;
  after: Overlay;
}

/** Gives cumulative introduced and fixed findings the last patch (and its line) that introduced or fixed them. */
function attribute(paths: Paths, cumulative: ReviewFinding[], steps: DoneStep[], start: Overlay): void {
  const last = steps[steps.length - 1]?.after ?? start;
  for (const rf of cumulative) {
    if (rf.kind === 'unchanged') continue;
    const image = (s: DoneStep) => (rf.kind === 'introduced' ? s.after : s.before);
    const key = findingKey(rf.finding, lineText(paths, rf.kind === 'introduced' ? last : start)(rf.finding));
    for (const step of steps) {
      const hit = step.review.findings.find((x) => x.kind === rf.kind && findingKey(x.finding, lineText(paths, image(step))(x.finding)) === key);
      if (hit) (rf.patchIndex = hit.patchIndex), (rf.patchLine = hit.patchLine);
    }
  }
}

export async function reviewSeries(input: ReviewInput): Promise<ReviewResult> {
  const { engine } = input;
  const paths = makePaths(input.tree, input.cwd);
  const disk = diskTree(resolve(input.cwd, input.tree), paths.toShown);
  const patches = input.patches.map((p) => placeInTree(disk, p));
  const base = await engine.analyzeTree(input.tree, input.cwd, scanScope(resolve(input.cwd, input.tree), patches));
  const start: TreeState = {
    overlay: new Overlay(disk),
    facts: new Map(base.files.map((f) => [paths.toTree(f.file), f])),
    era: base.era,
  };
  let state = start;
  const reverted = input.baseline ? undefined : revertedBaseline(start.overlay, patches);
  const baseline = input.baseline ?? reverted;
  if (baseline && baseline.size > 0) {
    for (const [path, text] of baseline) start.overlay.write(path, text);
    state = (await advance(engine, paths, start, start.overlay, [...baseline.keys()])).state;
  }
  const first = state;
  let scope: Scope = new Set();
  const done: DoneStep[] = [];
  const renames = new Map<string, string>();
  const checks = new DirectoryChecks(engine, paths.tree);
  const touchedAll = new Set<string>();
  for (const patch of patches) {
    const overlay = state.overlay.snapshot();
    const applied = applyToOverlay(overlay, patch);
    const step = await advance(engine, paths, state, overlay, applied.touched);
    const maps = lineMaps(patch, state.overlay, overlay);
    chainRenames(renames, maps.renames);
    const touched = new Set(patch.files.flatMap((f) => [f.oldPath, f.newPath]).filter((p): p is string => p !== null));
    touched.forEach((p) => touchedAll.add(p));
    const result = compare(checks, paths, state, step.state, step.scope, touched, maps, maps.renames, patch.index);
    const review: PatchReview = {
      patch: { ...patch, notes: [...patch.notes, ...applied.notes] },
      problems: [...(patch.unread ?? []), ...applied.problems, ...step.problems],
      ...result,
    };
    done.push({ review, before: state.overlay, after: overlay });
    scope = unionScope(scope, step.scope);
    state = step.state;
    input.onProgress?.(done.length, patches.length);
  }
  if (reverted && done.length > 0)
    done[0].review.patch.notes.unshift(`the tree already contains this series: it was reviewed against the tree with the series reverted in memory`);
  const cumulative = compare(checks, paths, first, state, scope, touchedAll, undefined, renames);
  attribute(paths, cumulative.findings, done, first.overlay);
  return { tree: input.tree, patches: done.map((d) => d.review), cumulative: { ...cumulative, problems: done.flatMap((d) => d.review.problems) } };
}
