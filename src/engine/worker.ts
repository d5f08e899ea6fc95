// The engine's one worker entry (bundled as dist/worker.js): serves the RPC of rpc.ts. Started
// by a scan (workerData carries the scan's setup) it loads the parser at once, while the main
// thread is still listing the tree, and scans batches, checking each directory of a batch too
// when asked (scan-check.ts); started as a check helper it replays parts of trees it is sent
// and never touches the disk.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkPart, checkTree } from './check-tree';
import { serve, type WorkerSetup } from './rpc';
import { scanServer } from './scan-batch';

const port = parentPort;
if (!isMainThread && port) {
  const setup = (workerData ?? {}) as WorkerSetup;
  const scan = setup.scan ? scanServer(setup.scan) : undefined;
  serve(port, {
    scan: (params) => {
      if (!scan) throw new Error('this worker was not started with a scan setup');
      return scan(params);
    },
    checkPart: ({ tree, options }) => checkPart(tree, options),
    checkEach: ({ trees, options }) => trees.map((t) => checkTree(t, options)),
  });
}
