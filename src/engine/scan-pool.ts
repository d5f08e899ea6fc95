// A small worker_threads pool for scan batches. Not piscina: piscina starts its own entry as
// `<__dirname>/worker.js`, which once bundled into dist/ is our scan worker, so it cannot be
// bundled. Each worker keeps two batches in flight so it never waits for the main thread (more
// while the main thread lists a tree: setDepth); a worker that dies fails only the batches it
// holds and is replaced. A task that runs longer than the
// watchdog allows (a parser stuck on pathological input) has its worker terminated: that task
// fails with a timeout, the worker's other tasks are queued again, and a new worker takes over.
import { Worker } from 'node:worker_threads';
import type { ScanJob, ScanReply, ScanRequest, ScanSetup, ScanStage } from './scan-protocol';
import { resolveWorkerScript } from './worker-script';

const inFlightPerWorker = 2;
/** The largest kernel file extracts in ~0.2 s: 60 s only trips on a real hang. */
export const defaultTaskTimeoutMs = 60_000;

interface Pending {
  request: ScanRequest;
  resolve: (reply: ScanReply) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** In the order sent; the worker answers in order, so the first is the one running. */
  busy: Map<number, Pending>;
  /** When the running (first) task started. */
  headSince: number;
}

/** The scan worker: dist/worker.js next to the bundle, or the transpiled worker.js in out/. */
export function scanWorkerScript(): string {
  return resolveWorkerScript('worker.js', __dirname, 'scan worker');
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private depth = inFlightPerWorker;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly script: string,
    size: number,
    private readonly setup: ScanSetup,
    private readonly taskTimeoutMs = defaultTaskTimeoutMs,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
    this.watchdog = setInterval(() => this.checkStuck(), Math.min(1000, taskTimeoutMs / 4));
    this.watchdog.unref();
  }

  /**
   * How many tasks each worker may hold. While the main thread is busy in synchronous work
   * (listing a tree) it cannot hand out the next task when one ends, so a deeper queue keeps the
   * workers fed; back at the default, the last tasks go to whichever worker is free first.
   */
  setDepth(depth: number): void {
    this.depth = Math.max(1, depth);
    this.dispatch();
  }

  /** Number of workers (replaced workers count once). */
  get size(): number {
    return this.slots.length;
  }

  /** Parses jump the queue: a worker picks up a candidate before the next prefilter batch.
   *  `after`: the payload of the worker's AfterBatch step (scan-worker-core.ts), if it has one. */
  run(stage: ScanStage, jobs: ScanJob[], after?: unknown): Promise<ScanReply> {
    if (this.closed) return Promise.reject(new Error('irqlens: scan pool is closed'));
    return new Promise((resolve, reject) => {
      const request: ScanRequest = { id: this.nextId++, stage, jobs, ...(after === undefined ? {} : { after }) };
      const pending = { request, resolve, reject };
      if (stage === 'extract') this.queue.unshift(pending);
      else this.queue.push(pending);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    const pending = this.queue.splice(0);
    for (const p of pending) p.reject(new Error('irqlens: scan cancelled'));
    await Promise.all(this.slots.map((s) => this.stop(s, 'irqlens: scan cancelled')));
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: this.setup });
    const slot: Slot = { worker, busy: new Map(), headSince: Date.now() };
    worker.on('message', (reply: ScanReply) => this.settle(slot, reply));
    worker.on('error', (err) => this.replace(slot, `scan worker failed: ${err.message}`));
    worker.on('exit', (code) => this.replace(slot, `scan worker exited with status ${code}`));
    return slot;
  }

  private settle(slot: Slot, reply: ScanReply): void {
    const pending = slot.busy.get(reply.id);
    if (!pending) return;
    slot.busy.delete(reply.id);
    slot.headSince = Date.now();
    if (reply.error !== undefined) pending.reject(new Error(reply.error));
    else pending.resolve(reply);
    this.dispatch();
  }

  private replace(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    for (const p of slot.busy.values()) p.reject(new Error(reason));
    slot.busy.clear();
    if (!this.closed) {
      this.slots.push(this.spawn());
      this.dispatch();
    }
  }

  private checkStuck(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      const head = slot.busy.values().next().value;
      if (!head || now - slot.headSince < this.taskTimeoutMs) continue;
      slot.busy.delete(head.request.id);
      const innocent = [...slot.busy.values()];
      slot.busy.clear();
      this.queue.unshift(...innocent);
      const seconds = (this.taskTimeoutMs / 1000).toFixed(this.taskTimeoutMs < 10_000 ? 1 : 0);
      head.reject(new Error(`timed out after ${seconds} s`));
      slot.worker.removeAllListeners('exit');
      void slot.worker.terminate();
      this.replace(slot, 'scan worker terminated');
    }
  }

  private async stop(slot: Slot, reason: string): Promise<void> {
    for (const p of slot.busy.values()) p.reject(new Error(reason));
    slot.busy.clear();
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate();
  }

  /** One task per worker per pass, so with a deep queue every worker gets work at once. */
  private dispatch(): void {
    for (let gave = true; gave && this.queue.length > 0; ) {
      gave = false;
      for (const slot of this.slots) {
        if (slot.busy.size >= this.depth || this.queue.length === 0) continue;
        const next = this.queue.shift()!;
        if (slot.busy.size === 0) slot.headSince = Date.now();
        slot.busy.set(next.request.id, next);
        slot.worker.postMessage(next.request);
        gave = true;
      }
    }
  }
}
