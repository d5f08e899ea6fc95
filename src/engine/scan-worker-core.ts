// What a scan worker does (worker.ts is the plain one, bundled as dist/worker.js): load the
// parser once, then answer batches of files with their facts. Only candidates and files with
// problems travel back to the main thread, with each file's size and mtime (the facts cache's
// key, so the main thread need not stat). A worker entry of a higher layer may add an AfterBatch
// step that works on each batch's results where they already are, before they are sent.
import { parentPort } from 'node:worker_threads';
import { initParser } from '../facts/index';
import type { FileFacts } from '../facts/types';
import type { FileStamp } from '../workspace/file-reader';
import { createScanContext } from '../workspace/scan-context';
import { prefilterFile, scanFile, type ScanContext } from '../workspace/scan-file';
import type { ScanJob, ScanReply, ScanRequest, ScanSetup } from './scan-protocol';

/** Runs on a batch's results when its request carries `after`; what it returns is sent back. */
export type AfterBatch = (results: FileFacts[], after: unknown, setup: ScanSetup) => unknown;

function scanBatch(request: ScanRequest, ctx: ScanContext): ScanReply {
  const results: FileFacts[] = [];
  const candidates: ScanJob[] = [];
  const stamps = new Float64Array(request.jobs.length * 2).fill(NaN);
  request.jobs.forEach((job, i) => {
    const onStamp = (s: FileStamp): void => {
      stamps[2 * i] = s.size;
      stamps[2 * i + 1] = s.mtimeMs;
    };
    if (request.stage !== 'prefilter') {
      const facts = scanFile(job.abs, job.file, ctx, onStamp);
      if (facts) results.push(facts);
      return;
    }
    const screened = prefilterFile(job.abs, job.file, ctx, onStamp);
    if (screened === true) candidates.push(job);
    else if (screened !== false) results.push(screened);
  });
  return { id: request.id, results, candidates, stamps };
}

function withAfter(reply: ScanReply, request: ScanRequest, after: AfterBatch | undefined, setup: ScanSetup): ScanReply {
  if (!after || request.after === undefined) return reply;
  try {
    reply.after = after(reply.results, request.after, setup);
  } catch (err) {
    reply.afterError = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  return reply;
}

export function serveScans(setup: ScanSetup, after?: AfterBatch): void {
  const port = parentPort;
  if (!port) return;
  const ctx = createScanContext(setup);
  const ready = initParser(); // starts while the main thread is still crawling
  port.on('message', (request: ScanRequest) => {
    ready.then(
      () => port.postMessage(withAfter(scanBatch(request, ctx), request, after, setup)),
      (err: unknown) =>
        port.postMessage({
          id: request.id,
          results: [],
          candidates: [],
          stamps: new Float64Array(0),
          error: `parser failed to load: ${String(err)}`,
        } satisfies ScanReply),
    );
  });
}
