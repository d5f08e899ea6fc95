// Messages between analyzeTree and its scan workers (structured-clone data only).
import type { EraInfo, FileFacts } from '../facts/types';

/** Given once per worker, as workerData. */
export interface ScanSetup {
  cwd: string;
  kernelRoot?: string;
  era: EraInfo;
}

export interface ScanJob {
  /** Absolute path to read, and the name to report it under (relative to cwd). */
  abs: string;
  file: string;
}

/**
 * 'prefilter' reads a batch of files and names the candidates; 'extract' parses candidates.
 * Two stages let the main thread hand out the expensive parses one file at a time, so no worker
 * sits idle behind another's batch of large drivers.
 */
export type ScanStage = 'prefilter' | 'extract';

export interface ScanRequest {
  id: number;
  stage: ScanStage;
  jobs: ScanJob[];
}

export interface ScanReply {
  id: number;
  /** Facts of parsed files, and problem-only facts of files that could not be read. */
  results: FileFacts[];
  /** Prefilter stage: the jobs worth parsing. */
  candidates: ScanJob[];
  /** Set when the whole batch failed (e.g. the parser could not load). */
  error?: string;
}
