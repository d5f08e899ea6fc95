// What a worker does with a scan batch (worker.ts): load the parser once, then answer batches of
// files with their facts. Only candidates and files with problems travel back to the main
// thread, with each file's size and mtime (the facts cache's key, so the main thread need not
// stat). Asked to, it then checks each directory of the batch where its facts already are
// (scan-check.ts), before they are sent.
import { initParser } from '../facts/index';
import type { FileFacts } from '../facts/types';
import type { FileStamp } from '../workspace/file-reader';
import { createScanContext } from '../workspace/scan-context';
import { prefilterFile, scanFile, type ScanContext } from '../workspace/scan-file';
import type { ScanSetup } from '../workspace/scan-setup';
import type { ScanJob, ScanParams, ScanResult } from './rpc';
import type { DirectoryPart, ScanCheckPayload } from './scan-check';

/** checkScannedBatch of scan-check.ts (given by the worker, which loads the check code lazily). */
export type CheckBatch = (results: FileFacts[], payload: ScanCheckPayload) => DirectoryPart[];

function scanBatch(params: ScanParams, ctx: ScanContext): ScanResult {
  const results: FileFacts[] = [];
  const candidates: ScanJob[] = [];
  const stamps = new Float64Array(params.jobs.length * 2).fill(NaN);
  params.jobs.forEach((job, i) => {
    const onStamp = (s: FileStamp): void => {
      stamps[2 * i] = s.size;
      stamps[2 * i + 1] = s.mtimeMs;
    };
    if (params.stage !== 'prefilter') {
      const facts = scanFile(job.abs, job.file, ctx, onStamp);
      if (facts) results.push(facts);
      return;
    }
    const screened = prefilterFile(job.abs, job.file, ctx, onStamp);
    if (screened === true) candidates.push(job);
    else if (screened !== false) results.push(screened);
  });
  return { results, candidates, stamps };
}

function withCheck(result: ScanResult, params: ScanParams, check: CheckBatch): ScanResult {
  if (params.check === undefined) return result;
  try {
    result.parts = check(result.results, params.check);
  } catch (err) {
    result.checkError = err instanceof Error ? (err.stack ?? err.message) : String(err);
  }
  return result;
}

/** The scan method of a worker started with `setup`; starts loading the parser now. */
export function scanServer(setup: ScanSetup, check: CheckBatch): (params: ScanParams) => Promise<ScanResult> {
  const ctx = createScanContext(setup);
  const ready = initParser().then(
    () => undefined,
    (err: unknown) => new Error(`parser failed to load: ${String(err)}`),
  );
  return async (params) => {
    const failed = await ready;
    if (failed) throw failed;
    return withCheck(scanBatch(params, ctx), params, check);
  };
}
