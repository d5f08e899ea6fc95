// The one typed RPC between the main thread and the engine's workers (worker.ts): a map from
// method name to its parameter and result types, request ids, and three distinct failures. A
// worker that died, was terminated or closed is *gone* (WorkerGone: its work can be done
// elsewhere); an exception thrown by the method in the worker is a *bug* (WorkerBug: it
// surfaces); a task that ran past the pool's watchdog is a *timeout* (WorkerTimeout: its worker
// is terminated, the task fails alone). Only structured-clone data crosses (architecture.md).
import type { FileFacts, TreeFacts } from '../facts/types';
import type { PartOptions } from './options';
import type { CheckResult, PartResult } from './result';
import type { DirectoryPart, ScanCheckPayload } from './scan-check';
import type { ScanSetup } from '../workspace/scan-setup';

export interface ScanJob {
  /** Absolute path to read, and the name to report it under (relative to cwd). */
  abs: string;
  file: string;
}

/**
 * 'scan' reads a batch of files and extracts the facts of the candidates at once, from the bytes
 * already read (the tree scan uses it: one read per file, and files of one directory, which
 * share their local headers, land in the same worker's header cache). 'prefilter' only names the
 * candidates and 'extract' parses given files, for callers that hand out parses one by one.
 */
export type ScanStage = 'scan' | 'prefilter' | 'extract';

export interface ScanParams {
  stage: ScanStage;
  jobs: ScanJob[];
  /** Also check each directory of the batch once scanned, where its facts already are (scan-check.ts). */
  check?: ScanCheckPayload;
}

export interface ScanResult {
  /** Facts of parsed files, and problem-only facts of files that could not be read. */
  results: FileFacts[];
  /** Prefilter stage: the jobs worth parsing. */
  candidates: ScanJob[];
  /** Size and mtimeMs of job i at [2i] and [2i+1], from the fstat of its read (NaN: not read),
   *  so a cold facts cache needs no stat of its own on the main thread. */
  stamps: Float64Array;
  /** With `check`: the directories checked, or why checking failed (the results stand either way). */
  parts?: DirectoryPart[];
  checkError?: string;
}

/** Every method a worker serves: its parameters and its result. */
export interface WorkerMethods {
  /** Scan (and with `check`, check) a batch of files; needs a worker started with a ScanSetup. */
  scan: { params: ScanParams; result: ScanResult };
  /** checkPart of one part of a tree. */
  checkPart: { params: { tree: TreeFacts; options: PartOptions }; result: PartResult };
  /** checkTree of every tree, each on its own. */
  checkEach: { params: { trees: TreeFacts[]; options: PartOptions }; result: CheckResult[] };
}

export type Method = keyof WorkerMethods;
export type Params<M extends Method> = WorkerMethods[M]['params'];
export type Result<M extends Method> = WorkerMethods[M]['result'];

/** What the main thread posts. */
export type Request = { [M in Method]: { id: number; method: M; params: Params<M> } }[Method];
/** What a worker posts back: the method's result, or the exception it threw. */
export type Response = { [M in Method]: { id: number; method: M; result: Result<M> } }[Method] | { id: number; error: string; stack?: string };

/** What a worker is started with (its workerData): a scan worker gets the scan's setup. */
export interface WorkerSetup {
  scan?: ScanSetup;
}

/** The worker died, exited, was closed or terminated: its work can be done elsewhere. */
export class WorkerGone extends Error {
  override name = 'WorkerGone';
}

/** The method threw in the worker: a bug, never retried elsewhere. `remoteStack`: where it threw. */
export class WorkerBug extends Error {
  override name = 'WorkerBug';
  constructor(
    message: string,
    readonly remoteStack?: string,
  ) {
    super(message);
  }
}

/** The task ran longer than the pool's watchdog allows; its worker was terminated. */
export class WorkerTimeout extends Error {
  override name = 'WorkerTimeout';
}

/**
 * A worker's answer, or undefined when the worker is gone (the caller does that work itself);
 * any other failure rejects. Marked handled at once: the caller awaits it only after its own
 * share of the work, and an error there must be the one that surfaces.
 */
export function unlessGone<T>(answer: Promise<T>): Promise<T | undefined> {
  const out = answer.catch((err: unknown) => {
    if (err instanceof WorkerGone) return undefined;
    throw err;
  });
  out.catch(() => undefined);
  return out;
}

export type Handlers = { [M in Method]: (params: Params<M>) => Result<M> | Promise<Result<M>> };

/** The worker side: answers each request with its handler's result, one at a time and in the
 *  order received (the pool's watchdog relies on it: the oldest task is the one running). */
export function serve(port: { on(event: 'message', fn: (r: Request) => void): unknown; postMessage(r: Response): void }, handlers: Handlers): void {
  let last: Promise<void> = Promise.resolve();
  const answer = async (request: Request): Promise<Response> => {
    try {
      const handler = handlers[request.method] as (p: Params<Method>) => Result<Method> | Promise<Result<Method>>;
      return { id: request.id, method: request.method, result: await handler(request.params) } as Response;
    } catch (err) {
      return err instanceof Error ? { id: request.id, error: err.message, ...(err.stack ? { stack: err.stack } : {}) } : { id: request.id, error: String(err) };
    }
  };
  port.on('message', (request) => {
    last = last.then(async () => port.postMessage(await answer(request)));
  });
}
