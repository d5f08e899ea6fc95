// The engine's one worker entry (bundled as dist/worker.js): serves the RPC of rpc.ts. Started
// by a scan (workerData carries the scan's setup) it loads the parser at once, while the main
// thread is still listing the tree, and scans batches, checking each directory of a batch too
// when asked (scan-check.ts); started as a check helper it replays parts of trees it is sent
// and never touches the disk.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { serve, type WorkerSetup } from './rpc';
import { scanServer } from './scan-batch';

type CheckTree = typeof import('./check-tree');
type ScanCheck = typeof import('./scan-check');

/** The check code (rules, model, topology) is loaded on first use: a worker that only scans
 *  starts as fast, and needs as little, as a scanner alone. */
function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
const checks = lazy(() => require('./check-tree') as CheckTree);
const scanChecks = lazy(() => require('./scan-check') as ScanCheck);

const port = parentPort;
if (!isMainThread && port) {
  const setup = (workerData ?? {}) as WorkerSetup;
  const scanSetup = setup.scan;
  const scan = scanSetup ? scanServer(scanSetup, (results, payload) => scanChecks().checkScannedBatch(results, payload, scanSetup)) : undefined;
  serve(port, {
    scan: (params) => {
      if (!scan) throw new Error('this worker was not started with a scan setup');
      return scan(params);
    },
    checkPart: ({ tree, options }) => checks().checkPart(tree, options),
    checkEach: ({ trees, options }) => trees.map((t) => checks().checkTree(t, options)),
  });
}
