// What the server needs from the engine, as one interface. `engine-binding.ts` implements it on
// the real layers (facts, workspace, check, model); the server's features only see this shape,
// so a change of an engine signature is fixed in one file.
import type { Finding } from '../vocabulary/finding';
import type { EraInfo, FileFacts, MsiFact } from '../facts/types';
import type { Layout } from '../vocabulary/layout';
import type { Partition } from '../vocabulary/partition';
import type { SimulationResult } from '../vocabulary/snapshot';
import type { CheckResult } from '../engine/result';
import type { BufferEdit } from './open-documents';

export type { CheckResult };

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

export interface Engine {
  /** Loads the parser (wasm); every other call needs it done. */
  ready(): Promise<void>;
  detectEra(root: string): EraInfo;
  /** True when the text can hold an MSI fact (cheap name prefilter). */
  mentionsMsiApi(text: string): boolean;
  extract(file: string, text: string, era: EraInfo): FileFacts;
  openDocument(file: string, text: string, era: EraInfo): LiveDocument;
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
  /** Findings a patch (series) introduces in the tree at root, placed on the patch file's lines. */
  reviewPatch(
    patchText: string,
    patchRel: string,
    root: string,
    opts: AnalysisSettings,
    cacheDir: string | null,
  ): Promise<{ findings: Finding[]; problems: string[]; mail: string }>;
}
