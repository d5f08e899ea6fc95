// The engine's public surface: what the faces (CLI, language server, review) may import of
// src/engine (test/unit/architecture.test.ts fails on a deeper import). Everything else in the
// folder (scheduling, the worker RPC, the caches' internals, the map builder) is the engine's own.
export { AnalysisState, type WorkspacePaths } from './analysis-state';
export { defaultCacheDir } from './cache';
export { CheckDiskCache, checkKey, type CheckKeyOptions } from './check-disk-cache';
export type { DeviceSummary } from './check-tree';
export { reuseAfterEdit } from './edit-reuse';
export { Engine, type EachOptions, type ReadOptions, type ScannedTree } from './engine';
export { excludeMatcher } from './exclude';
export {
  createLiveEngine,
  type AnalysisSettings,
  type Attribution,
  type BufferEdit,
  type LiveDocument,
  type LiveEngine,
  type ScanChecks,
  type ScanOptions,
} from './live-engine';
export type { Options } from './options';
export type { CheckResult } from './result';
