// The scan worker that also checks (bundled as dist/scan-check-worker.js): the workspace scan
// worker with checkScannedBatch after each batch.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { serveScans } from './scan-worker-core';
import type { ScanSetup } from './scan-protocol';
import { checkScannedBatch, type ScanCheckPayload } from './scan-check';

if (!isMainThread && parentPort)
  serveScans(workerData as ScanSetup, (results, payload, setup) => checkScannedBatch(results, payload as ScanCheckPayload, setup));
