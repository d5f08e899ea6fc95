// What every file scan of one tree shares: where it is, its era and the roots reads stay under.
import type { EraInfo } from '../facts/types';

/** Given once per worker, as workerData. */
export interface ScanSetup {
  cwd: string;
  kernelRoot?: string;
  era: EraInfo;
  /** Absolute paths the user gave: files are read only when their real path lies under one. */
  roots?: string[];
}
