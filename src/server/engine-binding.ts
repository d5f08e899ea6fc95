// The Engine interface on the real layers: facts (parser, extraction, per-function incremental
// documents), workspace (era of the kernel tree, worker-thread scan with disk cache, include
// reader), check (rules, map, simulation, device list), model/iommu (topology, attribution).
// The only server file that imports the engine.
import { checkTree, simulate } from '../engine/check-tree';
import { type Options as EngineCheckOptions } from '../engine/options';
import { checkEach } from '../engine/check-each';
import { startCheckHelper } from '../engine/worker-pool';
import { ScannedParts } from '../engine/scanned-parts';
import { catalogueNames } from '../facts/catalogue';
import { defaultEra, extractFileFacts, initParser } from '../facts/index';
import type { EraInfo, FileFacts, MsiFact, TreeFacts } from '../facts/types';
import { attributeFact, loadTopology, type Topology } from '../model/iommu/index';
import { IncrementalDocument } from '../facts/incremental';
import { defaultEngine, findingsOnPatchFile } from '../review/index';
import { analyzeTree } from '../engine/analyze-tree';
import { createIncludeReader, type ReadInclude } from '../workspace/include-reader';
import { findKernelRoot } from '../workspace/kernel-root';
import { eraOfKernelTree } from '../workspace/tree-era';
import { TreeBounds } from '../workspace/tree-bounds';
import { availableParallelism } from 'node:os';
import { excludeMatcher } from './exclude';
import type { Attribution, AnalysisSettings, CheckResult, Engine, LiveDocument, ScanChecks, ScanOptions } from './engine';

/** Fewer directories than this to check are checked on the main thread alone. */
const minGroupsForWorker = 16;

export function createEngine(log: (message: string) => void = () => {}): Engine {
  const nameRe = new RegExp(`\\b(${catalogueNames().join('|')})\\b`);
  let root = process.cwd();
  let readInclude: ReadInclude = () => undefined;
  let topology: { path: string; value: Topology | undefined } | null = null;

  const tree = (era: EraInfo, files: FileFacts[]): TreeFacts => ({ tree: root, era, files });
  const topologyOf = (path: string | null): Topology | undefined => {
    if (!path) return undefined;
    if (topology?.path !== path) {
      try {
        const loaded = loadTopology({ path });
        for (const p of loaded.problems) log(`${p.file}:${p.line}: ${p.message}`);
        topology = { path, value: loaded.topology };
      } catch (err) {
        log(`irqlens.topology: ${path}: ${err instanceof Error ? err.message : String(err)}`);
        topology = { path, value: undefined };
      }
    }
    return topology.value;
  };
  const engineOptions = (opts: AnalysisSettings): EngineCheckOptions => {
    // Speculative findings are always computed; irqlens.speculative decides at publication.
    const out: EngineCheckOptions = { layout: opts.layout ?? 'auto', partitions: opts.partitions, speculative: true };
    const topo = topologyOf(opts.topology);
    if (topo) out.topology = topo;
    return out;
  };

  return {
    ready: () => initParser(),
    detectEra(workspaceRoot) {
      root = workspaceRoot;
      const kernelRoot = findKernelRoot(workspaceRoot);
      const bounds = new TreeBounds(kernelRoot ? [workspaceRoot, kernelRoot] : [workspaceRoot]);
      readInclude = createIncludeReader(kernelRoot ? { cwd: workspaceRoot, kernelRoot, bounds } : { cwd: workspaceRoot, bounds });
      return eraOfKernelTree(kernelRoot) ?? defaultEra;
    },
    mentionsMsiApi: (text) => nameRe.test(text),
    extract: (file, text, era) => extractFileFacts({ file, text, era, readInclude }),
    openDocument(file, text, era): LiveDocument {
      let doc = new IncrementalDocument(file, text, era, readInclude);
      return {
        update(t, edits) {
          if (edits) for (const e of edits) doc.applyEdit(e);
          // A whole-text change, or edits that did not reproduce the buffer: start again from the text.
          if (!edits || doc.getText() !== t) doc = new IncrementalDocument(file, t, era, readInclude);
          return doc.facts();
        },
        facts: () => doc.facts(),
        text: () => doc.getText(),
        dispose: () => doc.dispose(),
      };
    },
    check(files, era, opts): CheckResult {
      return checkTree(tree(era, files), engineOptions(opts));
    },
    async checkEach(groups, era, opts, signal, onResult) {
      const options = engineOptions(opts);
      // A worker only pays off for a workspace scan's worth of directories.
      const helper = groups.length >= minGroupsForWorker && !options.topology ? startCheckHelper() : undefined;
      try {
        await checkEach(
          groups.map((files) => tree(era, files)),
          options,
          { ...(helper ? { helper } : {}), ...(signal ? { signal } : {}) },
          onResult,
        );
      } finally {
        await helper?.close();
      }
    },
    simulate: (files, era, device, opts) => simulate(tree(era, files), device, engineOptions(opts)),
    async scan(scanRoot: string, opts: ScanOptions) {
      let writeCache = (): void => {};
      const scanned = new ScannedParts(engineOptions(opts.check));
      const result = await analyzeTree([scanRoot], {
        ...scanned.scanCheck(scanRoot),
        cwd: scanRoot,
        // As many workers as `irqlens check`: edits run on the main thread, which the workers
        // never block (the OS shares the cores), and the scan keeps pace with the CLI.
        jobs: availableParallelism(),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir, deferCacheWrite: (write: () => void) => void (writeCache = write) } : {}),
        signal: opts.signal,
        onProgress: opts.onProgress,
        onProblem: (p) => opts.onProblem(`${p.file}:${p.line}: ${p.message}`),
      });
      const excluded = excludeMatcher(opts.exclude);
      if (scanned.failure) log(`irqlens: checking in a scan worker failed (the server checks those directories itself): ${scanned.failure}`);
      const checks: ScanChecks = {
        outputFor: (group, files, o) => {
          const out = scanned.resultFor(group, tree(result.era, files), engineOptions(o));
          return out;
        },
      };
      return { era: result.era, files: result.files.filter((f) => f.facts.length > 0 && !excluded(f.file)), writeCache, checks };
    },
    reviewPatch(patchText, patchRel, reviewRoot, opts, cacheDir) {
      const engine = defaultEngine(cacheDir ? { check: engineOptions(opts), cacheDir } : { check: engineOptions(opts) });
      return findingsOnPatchFile(patchText, patchRel, '.', { cwd: reviewRoot, engine });
    },
    attribute(fact: MsiFact, files, era, opts): Attribution {
      const topo = topologyOf(opts.topology);
      const a = attributeFact(fact, topo ? { tree: tree(era, files), topology: topo } : { tree: tree(era, files) });
      const owner = `${a.owner.text || '(no device argument)'} (${a.owner.class})${a.originatingFunction ? `, written by ${a.originatingFunction}` : ''}`;
      return { owner, chain: [...a.chain, ...a.notes], requesterIds: a.requesterIds };
    },
  };
}
