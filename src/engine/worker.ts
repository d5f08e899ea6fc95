// The scan worker (bundled as dist/worker.js): scan-worker-core.ts with nothing after a batch.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { serveScans } from './scan-worker-core';
import type { ScanSetup } from './scan-protocol';

if (!isMainThread && parentPort) serveScans(workerData as ScanSetup);
