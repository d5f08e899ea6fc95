// Check-part worker (bundled as dist/check-worker.js): replays the part of a tree it is sent
// and answers with its findings and device maps. It never touches the disk.
import { isMainThread, parentPort } from 'node:worker_threads';
import { checkPart } from './index';
import type { PartReply, PartRequest } from './part-protocol';

function answer(request: PartRequest): PartReply {
  try {
    return { id: request.id, result: checkPart(request.tree, request.options) };
  } catch (err) {
    return { id: request.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
  }
}

const port = parentPort;
if (!isMainThread && port) port.on('message', (request: PartRequest) => port.postMessage(answer(request)));
