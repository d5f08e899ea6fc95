// The engine as an editor session needs it (the language server's one binding to the engine):
// the workspace's era and include reader, live documents re-extracted per edited function, the
// directory checks, the workspace scan whose workers check as they go, simulation and
// attribution, with the settings' topology file loaded once. Nothing here knows LSP; every check
// goes through the façade, `Engine`.
import { catalogueNames } from '../facts/catalogue';
import { IncrementalDocument } from '../facts/incremental';
import { defaultEra, extractFileFacts, initParser } from '../facts/index';
import type { EraInfo, FileFacts, MsiFact, TreeFacts } from '../facts/types';
import { loadTopology, type Topology } from '../model/iommu/index';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import type { SimulationResult } from '../vocabulary/snapshot';
import { findKernelRoot } from '../workspace/kernel-root';
import { TreeBounds } from '../workspace/tree-bounds';
import { eraOfKernelTree } from '../workspace/tree-era';
import { Engine } from './engine';
import { excludeMatcher } from './exclude';
import { LiveIncludes } from './live-includes';
import type { Options } from './options';
import type { CheckResult } from './result';

export type { CheckResult };

/** One edit in offsets of the text it applies to (edits of one change apply in order). */
export interface BufferEdit {
  startOffset: number;
  oldEndOffset: number;
  newText: string;
  /** The replaced span as 0-based line/character positions in the text before the edit. */
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface AnalysisSettings {
  layout: Layout | null;
  partitions: Partition[];
  /** Absolute path of an lspci dump or topology JSON, or null. */
  topology: string | null;
}

/** An open editor buffer whose facts are re-extracted per edited function. */
export interface LiveDocument {
  /** Brings the facts to `text`, through `edits` (offsets in the previous text) when given. */
  update(text: string, edits: BufferEdit[] | null): FileFacts;
  facts(): FileFacts;
  text(): string;
  dispose(): void;
}

export interface ScanOptions {
  /** Root-relative globs to skip. */
  exclude: string[];
  cacheDir: string | null;
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
  onProblem: (message: string) => void;
  /** The options the scan workers check each directory with, as they scan it. */
  check: AnalysisSettings;
}

/** Results the scan workers computed while scanning, per directory group. */
export interface ScanChecks {
  /** The group's check output, when it was computed from exactly these files and options. */
  outputFor(group: string, files: FileFacts[], opts: AnalysisSettings): CheckResult | undefined;
}

export interface Attribution {
  owner: string;
  chain: string[];
  requesterIds: string[];
}

export interface LiveEngine {
  /** Loads the parser (wasm); every other call needs it done. */
  ready(): Promise<void>;
  detectEra(root: string): EraInfo;
  /** True when the text can hold an MSI fact (cheap name prefilter). */
  mentionsMsiApi(text: string): boolean;
  /** Facts of a file's text, with the headers its extraction looked up (FileFacts.headers). */
  extract(file: string, text: string, era: EraInfo): FileFacts;
  openDocument(file: string, text: string, era: EraInfo): LiveDocument;
  /**
   * An editor buffer of `absPath` holds `text` (undefined: it was closed): headers are read from
   * it from now on. True when that may change facts: the files whose FileFacts.headers name the
   * path must then be extracted again.
   */
  bufferChanged(absPath: string, text: string | undefined): boolean;
  /** The engine the settings give (their topology file loaded once and kept). */
  engineFor(opts: AnalysisSettings): Engine;
  check(files: FileFacts[], era: EraInfo, opts: AnalysisSettings): CheckResult;
  /** check() of many directory groups, about half in a worker thread; results arrive in no fixed
   *  order, the ones computed here one per event-loop turn. Stops early when `signal` aborts. */
  checkEach(
    groups: FileFacts[][],
    era: EraInfo,
    opts: AnalysisSettings,
    signal: AbortSignal | undefined,
    onResult: (index: number, output: CheckResult) => void,
  ): Promise<void>;
  /** No steps when the device has no operations or does not exist. */
  simulate(files: FileFacts[], era: EraInfo, device: string, opts: AnalysisSettings): SimulationResult;
  /** Facts of every relevant file under root (worker threads, disk cache), and the era they imply;
   *  `writeCache` writes the facts cache (left to the caller, so diagnostics can go out first). */
  scan(root: string, opts: ScanOptions): Promise<{ era: EraInfo; files: FileFacts[]; writeCache: () => void; checks: ScanChecks }>;
  attribute(fact: MsiFact, files: FileFacts[], era: EraInfo, opts: AnalysisSettings): Attribution | null;
}

export function createLiveEngine(log: (message: string) => void = () => {}): LiveEngine {
  const nameRe = new RegExp(`\\b(${catalogueNames().join('|')})\\b`);
  let root = process.cwd();
  const includes = new LiveIncludes();
  const readInclude = includes.read;
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
  const engineFor = (opts: AnalysisSettings): Engine => {
    // Speculative findings are always computed; irqlens.speculative decides at publication.
    const out: Options = { layout: opts.layout ?? 'auto', partitions: opts.partitions, speculative: true };
    const topo = topologyOf(opts.topology);
    if (topo) out.topology = topo;
    return new Engine(out);
  };

  return {
    ready: () => initParser(),
    detectEra(workspaceRoot) {
      root = workspaceRoot;
      const kernelRoot = findKernelRoot(workspaceRoot);
      const bounds = new TreeBounds(kernelRoot ? [workspaceRoot, kernelRoot] : [workspaceRoot]);
      includes.configure(kernelRoot ? { cwd: workspaceRoot, kernelRoot, bounds } : { cwd: workspaceRoot, bounds });
      return eraOfKernelTree(kernelRoot) ?? defaultEra;
    },
    mentionsMsiApi: (text) => nameRe.test(text),
    extract(file, text, era) {
      const r = includes.recorder();
      return r.stamp(extractFileFacts({ file, text, era, readInclude, onInclude: r.onInclude }));
    },
    bufferChanged: (absPath, text) => includes.setBuffer(absPath, text),
    openDocument(file, text, era): LiveDocument {
      // The lookups of every extraction of the buffer (a superset after edits: enough to know
      // which header changes concern it).
      const r = includes.recorder();
      let doc = new IncrementalDocument(file, text, era, readInclude, r.onInclude);
      return {
        update(t, edits) {
          if (edits) for (const e of edits) doc.applyEdit(e);
          // A whole-text change, or edits that did not reproduce the buffer: start again from the text.
          if (!edits || doc.getText() !== t) doc = new IncrementalDocument(file, t, era, readInclude, r.onInclude);
          return r.stamp(doc.facts());
        },
        facts: () => r.stamp(doc.facts()),
        text: () => doc.getText(),
        dispose: () => doc.dispose(),
      };
    },
    engineFor,
    check: (files, era, opts) => engineFor(opts).checkTree(tree(era, files)),
    checkEach: (groups, era, opts, signal, onResult) =>
      engineFor(opts).checkEach(
        groups.map((files) => tree(era, files)),
        signal ? { signal } : {},
        onResult,
      ),
    simulate: (files, era, device, opts) => engineFor(opts).simulate(tree(era, files), device),
    async scan(scanRoot: string, opts: ScanOptions) {
      let writeCache = (): void => {};
      const engine = engineFor(opts.check).with(opts.cacheDir ? { cacheDir: opts.cacheDir } : {});
      // As many workers as `irqlens check` (the default): edits run on the main thread, which the
      // workers never block (the OS shares the cores), and the scan keeps pace with the CLI.
      const scanned = await engine.scanChecked(
        [scanRoot],
        {
          cwd: scanRoot,
          signal: opts.signal,
          onProgress: opts.onProgress,
          onProblem: (p) => opts.onProblem(`${p.file}:${p.line}: ${p.message}`),
        },
        opts.cacheDir ? { deferCacheWrite: (write: () => void) => void (writeCache = write) } : {},
      );
      const result = scanned.tree;
      const excluded = excludeMatcher(opts.exclude);
      if (scanned.failure) log(`irqlens: checking in a scan worker failed (the server checks those directories itself): ${scanned.failure}`);
      const checks: ScanChecks = {
        outputFor: (group, files, o) => scanned.resultFor(group, tree(result.era, files), engineFor(o)),
      };
      return { era: result.era, files: result.files.filter((f) => f.facts.length > 0 && !excluded(f.file)), writeCache, checks };
    },
    attribute(fact: MsiFact, files, era, opts): Attribution {
      const a = engineFor(opts).attribute(fact, tree(era, files));
      const owner = `${a.owner.text || '(no device argument)'} (${a.owner.class})${a.originatingFunction ? `, written by ${a.originatingFunction}` : ''}`;
      return { owner, chain: [...a.chain, ...a.notes], requesterIds: a.requesterIds };
    },
  };
}
