// Messages between analyzeTree and its scan workers (structured-clone data only).
import type { FileFacts } from '../facts/types';
import type { ScanSetup } from '../workspace/scan-setup';

export type { ScanSetup };

export interface ScanJob {
  /** Absolute path to read, and the name to report it under (relative to cwd). */
  abs: string;
  file: string;
}

/**
 * 'scan' reads a batch of files and extracts the facts of the candidates at once, from the bytes
 * already read (the tree scan uses it: one read per file, and files of one directory, which
 * share their local headers, land in the same worker's header cache). 'prefilter' only names the
 * candidates and 'extract' parses given files, for callers that hand out parses one by one.
 */
export type ScanStage = 'scan' | 'prefilter' | 'extract';

export interface ScanRequest {
  id: number;
  stage: ScanStage;
  jobs: ScanJob[];
  /** For a worker that does more with a batch once scanned (AfterBatch): what it needs. */
  after?: unknown;
}

export interface ScanReply {
  id: number;
  /** Facts of parsed files, and problem-only facts of files that could not be read. */
  results: FileFacts[];
  /** Prefilter stage: the jobs worth parsing. */
  candidates: ScanJob[];
  /** Size and mtimeMs of job i at [2i] and [2i+1], from the fstat of its read (NaN: not read),
   *  so a cold facts cache needs no stat of its own on the main thread. */
  stamps: Float64Array;
  /** Set when the whole batch failed (e.g. the parser could not load). */
  error?: string;
  /** What the worker's AfterBatch answered, or why it failed (the results stand either way). */
  after?: unknown;
  afterError?: string;
}
