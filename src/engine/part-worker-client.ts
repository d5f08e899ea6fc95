// The main thread's handle on one check worker, for the trees the scan workers did not check
// (check-in-parts.ts, check-each.ts).
import { Worker } from 'node:worker_threads';
import type { TreeFacts } from '../facts/types';
import { resolveWorkerScript } from './worker-script';
import type { CheckResult, PartResult } from './result';
import type { PartOptions, PartReply, PartRequest } from './part-protocol';

/** The worker died or was closed: its work can be done elsewhere. Other errors are bugs. */
export class PartWorkerGone extends Error {}

/**
 * A worker's answer, or undefined when the worker is gone (the caller does that work itself);
 * any other failure rejects. Marked handled at once: the caller awaits it only after its own
 * share of the work, and an error there must be the one that surfaces.
 */
export function unlessGone<T>(answer: Promise<T>): Promise<T | undefined> {
  const out = answer.catch((err: unknown) => {
    if (err instanceof PartWorkerGone) return undefined;
    throw err;
  });
  out.catch(() => undefined);
  return out;
}

type Answer = Exclude<PartReply, { error: string }>;

interface Waiting {
  resolve: (r: Answer) => void;
  reject: (err: Error) => void;
}

export class PartWorker {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private failure: PartWorkerGone | undefined;
  /** Requests this worker answered (tests check that the split really ran). */
  answered = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: PartReply) => this.settle(reply));
    worker.on('error', (err) => this.fail(new PartWorkerGone(`check worker failed: ${err.message}`)));
    worker.on('exit', (code) => this.fail(new PartWorkerGone(`check worker exited with status ${code}`)));
  }

  static start(): PartWorker {
    return new PartWorker(new Worker(resolveWorkerScript('check-worker.js', __dirname, 'check worker')));
  }

  /** checkPart of `tree` in the worker. */
  async check(tree: TreeFacts, options: PartOptions): Promise<PartResult> {
    const a = await this.send({ id: this.nextId++, kind: 'part', tree, options });
    if (a.kind !== 'part') throw new Error('check worker: answered a part with a list');
    return a.result;
  }

  /** checkTree of each tree in the worker. */
  async checkEach(trees: TreeFacts[], options: PartOptions): Promise<CheckResult[]> {
    const a = await this.send({ id: this.nextId++, kind: 'each', trees, options });
    if (a.kind !== 'each') throw new Error('check worker: answered a list with a part');
    return a.results;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.fail(new PartWorkerGone('check worker closed'));
    await this.worker.terminate();
  }

  private send(request: PartRequest): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private settle(reply: PartReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) w.reject(new Error(`check worker: ${reply.error}`));
    else {
      this.answered++;
      w.resolve(reply);
    }
  }

  private fail(err: PartWorkerGone): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
