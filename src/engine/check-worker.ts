// Check worker (bundled as dist/check-worker.js): replays the part of a tree it is sent and
// answers with its findings and device maps, or checks each of a list of trees (the language
// server's directories). It never touches the disk.
import { isMainThread, parentPort } from 'node:worker_threads';
import { checkPart, checkTree } from './check-tree';
import type { PartReply, PartRequest } from './part-protocol';

function answer(request: PartRequest): PartReply {
  try {
    if (request.kind === 'part') return { id: request.id, kind: 'part', result: checkPart(request.tree, request.options) };
    return { id: request.id, kind: 'each', results: request.trees.map((t) => checkTree(t, request.options)) };
  } catch (err) {
    return { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

const port = parentPort;
if (!isMainThread && port) port.on('message', (request: PartRequest) => port.postMessage(answer(request)));
